namespace Velox.Ipc.Agents;

/// <summary>An exception that removed an agent from its runner: which agent, in which callback, and the exception.</summary>
public sealed record AgentFailure(string RoleName, string Phase, Exception Exception)
{
    public override string ToString() => $"agent {RoleName} failed in {Phase}: {Exception.GetType().Name}: {Exception.Message}";
}
