using System.Runtime.InteropServices;

namespace Velox.Host.Commands;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM into a cancellation the command loops poll; a second signal exits
/// at once. Dispose to restore default handling.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public ShutdownSignal()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _stop.Token;

    public bool IsRequested => _stop.IsCancellationRequested;

    /// <summary>Requests shutdown after <paramref name="duration"/> when given.</summary>
    public void StopAfter(TimeSpan? duration)
    {
        if (duration is { } d)
        {
            _stop.CancelAfter(d);
        }
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_stop.IsCancellationRequested)
        {
            // Second signal: let the default handler terminate the process.
            return;
        }

        context.Cancel = true;
        _stop.Cancel();
    }
}
