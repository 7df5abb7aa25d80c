namespace Velox.Host.Doctor;

/// <summary>How the isolated CPUs are isolated on the boot line (cpus.env ISOLATION).</summary>
public enum IsolationMode
{
    /// <summary>isolcpus=managed_irq,domain,I only.</summary>
    Isolcpus,

    /// <summary>nohz_full=I rcu_nocbs=I only.</summary>
    Nohz,

    /// <summary>Both of the above.</summary>
    Both,
}
