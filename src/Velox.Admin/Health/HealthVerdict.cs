namespace Velox.Admin.Health;

/// <summary>The overall answer of /health and /ready.</summary>
/// <param name="Healthy">Every connection up, every book InSync, not halted, every IPC publisher alive.</param>
/// <param name="Ready">Connected and every book InSync at least once (latched: stays true afterwards).</param>
public readonly record struct HealthVerdict(bool Healthy, bool Ready);
