using System.Collections.Concurrent;
using Velox.Core.Time;

namespace Velox.Simulator;

/// <summary>
/// Runs one simulated connection on its own thread: client messages queued by the transport's
/// receive side are handed over in order, and the connection is polled with the clock's time.
/// The connection and its sink are only touched from this thread, so they need no locking.
/// </summary>
public sealed class ConnectionPump : IDisposable
{
    private readonly ISimulatedConnection _connection;
    private readonly IClock _clock;
    private readonly ConcurrentQueue<byte[]> _inbound = new();
    private readonly Thread _thread;
    private volatile bool _stopping;

    /// <summary>Prepares the pump; <see cref="Start"/> opens the connection and begins polling.</summary>
    public ConnectionPump(ISimulatedConnection connection, IClock clock, string name)
    {
        _connection = connection;
        _clock = clock;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    /// <summary>Raised on the pump thread when the connection closed itself or the pump stopped.</summary>
    public event Action? Ended;

    /// <summary>Starts the pump thread.</summary>
    public void Start() => _thread.Start();

    /// <summary>Queues a client text message (called from the transport's receive thread).</summary>
    public void Enqueue(ReadOnlySpan<byte> utf8) => _inbound.Enqueue(utf8.ToArray());

    /// <summary>Stops polling and waits for the thread.</summary>
    public void Stop()
    {
        _stopping = true;
        if (_thread.IsAlive && Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Stop();

    private void Run()
    {
        _connection.Open();
        while (!_stopping && !_connection.IsClosed)
        {
            var work = 0;
            while (_inbound.TryDequeue(out var message))
            {
                _connection.OnClientMessage(message);
                work++;
            }

            work += _connection.Poll(_clock.NowNanos());

            // The simulator shares cores with the system under test: sleep rather than spin when idle.
            if (work == 0)
            {
                Thread.Sleep(1);
            }
        }

        Ended?.Invoke();
    }
}
