using Velox.Core.Time;
using Velox.Net.WebSockets;

namespace Velox.Simulator.Hosting;

/// <summary>
/// One accepted client: a thread that polls the WebSocket for client messages and the simulated
/// connection for what is due, so both only ever run on that thread. It sleeps 1 ms when idle
/// because the simulator shares the machine with the system under test.
/// </summary>
internal sealed class SimulatorConnection : IDisposable
{
    private readonly WebSocketConnection _socket;
    private readonly ISimulatedConnection _connection;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public SimulatorConnection(WebSocketConnection socket, ISimulatedConnection connection, string name)
    {
        _socket = socket;
        _connection = connection;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    /// <summary>What this client is served.</summary>
    public ISimulatedConnection Connection => _connection;

    /// <summary>True once the loop ended (client gone, injected disconnect, or stop).</summary>
    public bool HasEnded { get; private set; }

    public void Start() => _thread.Start();

    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive && Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }

        _socket.Dispose();
    }

    private void Run()
    {
        var handler = new ClientMessages(_connection);
        _connection.Open();
        while (!_stopping && !_connection.IsClosed && _socket.State == WebSocketConnectionState.Open)
        {
            var work = _connection.IsStalled ? 0 : _socket.Poll(ref handler);
            work += _connection.Poll(MonotonicClock.Now());
            if (work == 0)
            {
                Thread.Sleep(1);
            }
        }

        if (!_connection.IsClosed && _socket.State == WebSocketConnectionState.Open)
        {
            _socket.SendClose(WebSocketCloseCode.GoingAway, default);
        }

        _connection.OnClosed();
        HasEnded = true;
    }

    private readonly struct ClientMessages : IWebSocketHandler
    {
        private readonly ISimulatedConnection _connection;

        public ClientMessages(ISimulatedConnection connection) => _connection = connection;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            if (isText)
            {
                _connection.OnClientMessage(payload);
            }
        }

        public void OnClose(int closeStatus, ReadOnlySpan<byte> reason)
        {
        }
    }
}
