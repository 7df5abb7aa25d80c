namespace Velox.Ipc.Agents;

/// <summary>What a runner does between duty cycles; implemented by structs so the runner's loop inlines it.</summary>
public interface IIdleStrategy
{
    /// <summary>Called after every duty cycle with the work it did; idles only when that is 0.</summary>
    void Idle(int workCount);

    /// <summary>Forgets any back-off state.</summary>
    void Reset();
}
