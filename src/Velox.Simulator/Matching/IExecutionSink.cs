namespace Velox.Simulator.Matching;

/// <summary>
/// Receives the execution events of the accounts it is attached to. Called under the engine's lock,
/// possibly from another connection's thread: implementations only queue.
/// </summary>
public interface IExecutionSink
{
    /// <summary>Queues one event.</summary>
    void Enqueue(in ExecutionEvent e);
}
