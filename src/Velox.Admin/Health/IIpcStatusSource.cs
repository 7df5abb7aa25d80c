namespace Velox.Admin.Health;

/// <summary>
/// The IPC publications of a multi-process topology, for /health (liveness) and /metrics (positions,
/// back-pressure). Register one on <see cref="HealthBoard.Ipc"/> only when the topology is multi; a single
/// process has no IPC and its health omits the section.
/// </summary>
public interface IIpcStatusSource
{
    /// <summary>The current publications; called on the admin thread, so it must read thread-safely.</summary>
    IReadOnlyList<IpcPublisherStatus> ReadPublishers();
}
