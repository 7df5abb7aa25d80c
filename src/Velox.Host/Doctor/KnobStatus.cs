namespace Velox.Host.Doctor;

/// <summary>How a knob's actual value compares with the plan.</summary>
public enum KnobStatus
{
    /// <summary>Actual matches desired.</summary>
    Ok,

    /// <summary>Actual was read and differs from desired.</summary>
    Drift,

    /// <summary>Actual could not be read (file missing or unreadable): neither ok nor drift.</summary>
    Unknown,
}
