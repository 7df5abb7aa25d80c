namespace Velox.Ipc.Agents;

/// <summary>A unit of work run by an <see cref="AgentRunner"/> on its thread; never blocks in <see cref="DoWork"/>.</summary>
public interface IAgent
{
    /// <summary>Name used in thread names, warnings and failure reports.</summary>
    string RoleName { get; }

    /// <summary>Called once on the runner's thread (after pinning) before the first <see cref="DoWork"/>.</summary>
    void OnStart();

    /// <summary>One duty cycle; returns the amount of work done (0 lets the idle strategy back off).</summary>
    int DoWork();

    /// <summary>Called once on the runner's thread when the agent leaves the runner (stop or failure).</summary>
    void OnClose();
}
