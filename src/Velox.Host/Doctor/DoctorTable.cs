using System.Globalization;

namespace Velox.Host.Doctor;

/// <summary>The human-readable report: the knob table in check.sh's exact layout, then the environment facts.</summary>
public static class DoctorTable
{
    /// <summary>The header row.</summary>
    public static string Header => FormatRow("knob", "desired", "actual", "status");

    /// <summary>One knob row, padded as check.sh's printf '%-34s %-36s %-36s %s'.</summary>
    public static string FormatRow(KnobResult row) => FormatRow(row.Name, row.Desired, row.Actual, row.StatusText);

    /// <summary>Writes the header, every row, and the environment facts.</summary>
    public static void Write(TextWriter output, IReadOnlyList<KnobResult> rows, EnvironmentFacts facts)
    {
        output.WriteLine(Header);
        foreach (var row in rows)
        {
            output.WriteLine(FormatRow(row));
        }

        output.WriteLine();
        output.WriteLine($"cpu model        {facts.CpuModel}");
        output.WriteLine($"cpus online      {facts.Cpus.ToString(CultureInfo.InvariantCulture)}");
        output.WriteLine($"kernel           {facts.Kernel}");
        output.WriteLine($"runtime          {facts.Runtime}");
        output.WriteLine($"RLIMIT_MEMLOCK   {facts.MemlockLimit} (mlockall {(facts.MayLockMemory ? "allowed" : "not allowed: set LimitMEMLOCK=infinity or CAP_IPC_LOCK")})");
        output.WriteLine($"RLIMIT_RTPRIO    {facts.RtprioLimit} (SCHED_FIFO {(facts.MaySetFifo ? "allowed" : "not allowed: set LimitRTPRIO=99 or CAP_SYS_NICE")})");
    }

    private static string FormatRow(string name, string desired, string actual, string status) =>
        $"{name,-34} {desired,-36} {actual,-36} {status}";
}
