namespace Velox.Host.Doctor;

/// <summary>
/// One reason a CPU plan is refused. <see cref="Code"/> names the problem (overlap, cpu0-isolated,
/// agent-not-isolated, agent-core-missing, duplicate-agent-core, ...) exactly as tuning/lib/plan.sh does.
/// </summary>
public readonly record struct PlanProblem(string Code, string Message)
{
    public override string ToString() => $"[{Code}] {Message}";
}
