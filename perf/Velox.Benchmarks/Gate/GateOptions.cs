namespace Velox.Benchmarks.Gate;

/// <summary>How the allocation gate runs.</summary>
public sealed record GateOptions
{
    /// <summary>Environment variable naming a scenario whose hot loop gets one deliberate allocation per invocation (proves the gate fails).</summary>
    public const string InjectAllocationVariable = "VELOX_PERF_GATE_INJECT_ALLOCATION";

    /// <summary>Scenario (exact name) that allocates on purpose inside its measured loop; null for none.</summary>
    public string? InjectAllocationInto { get; init; }

    /// <summary>Only scenarios whose name contains this text (ordinal, case-insensitive); null for all.</summary>
    public string? Filter { get; init; }

    /// <summary>Options from the environment (<see cref="InjectAllocationVariable"/>).</summary>
    public static GateOptions FromEnvironment() => new()
    {
        InjectAllocationInto = Environment.GetEnvironmentVariable(InjectAllocationVariable) is { Length: > 0 } name ? name : null,
    };
}
