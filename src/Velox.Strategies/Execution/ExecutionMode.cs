namespace Velox.Strategies.Execution;

/// <summary>Where decided orders go. The decision path (strategy → risk → OMS) is the same in every mode; only the sink differs.</summary>
public enum ExecutionMode : byte
{
    /// <summary>Decisions are recorded and counted; nothing leaves the process (the default).</summary>
    DryRun = 0,

    /// <summary>Orders go to the embedded simulator on the loopback interface.</summary>
    Paper,

    /// <summary>Orders go to a real venue; needs an explicit confirmation flag and credentials.</summary>
    Live,
}
