namespace Velox.Host.Doctor;

/// <summary>One row of the drift table: knob name, desired and actual value, status.</summary>
public readonly record struct KnobResult(string Name, string Desired, string Actual, KnobStatus Status)
{
    /// <summary>ok, drift or unknown, as check.sh prints it.</summary>
    public string StatusText => Status switch
    {
        KnobStatus.Ok => "ok",
        KnobStatus.Drift => "drift",
        _ => "unknown",
    };
}
