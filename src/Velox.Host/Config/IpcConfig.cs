using Velox.Ipc;

namespace Velox.Host.Config;

/// <summary>Section "ipc": the shared-memory log directory and the term length of new logs.</summary>
public sealed class IpcConfig
{
    public string Directory { get; init; } = IpcOptions.DefaultDirectory();

    /// <summary>A power of two, 64 KiB … 1 GiB.</summary>
    public int TermLength { get; init; } = 16 * 1024 * 1024;
}
