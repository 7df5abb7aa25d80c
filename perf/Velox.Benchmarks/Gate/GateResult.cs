namespace Velox.Benchmarks.Gate;

/// <summary>What the gate measured for one scenario.</summary>
public sealed record GateResult(string Scenario, long Operations, long AllocatedBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections, string? Skipped = null, string? Error = null)
{
    public bool Passed => Error is null && (Skipped is not null || (AllocatedBytes == 0 && Gen0Collections + Gen1Collections + Gen2Collections == 0));

    /// <summary>Why the scenario failed, naming it; null when it passed or was skipped.</summary>
    public string? Failure => Passed
        ? null
        : Error is not null
            ? $"{Scenario}: {Error}"
            : $"{Scenario}: allocated {AllocatedBytes:N0} bytes over {Operations:N0} operations ({(double)AllocatedBytes / Math.Max(1, Operations):N2} B/op), gen0/1/2 collections {Gen0Collections}/{Gen1Collections}/{Gen2Collections} (must be 0 and 0)";
}
