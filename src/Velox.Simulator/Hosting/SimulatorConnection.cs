using Velox.Core.Time;
using Velox.Net.WebSockets;

namespace Velox.Simulator.Hosting;

/// <summary>
/// One accepted client: a thread that polls the WebSocket for client messages and the simulated
/// connection for what is due, so both only ever run on that thread. When idle it waits up to 1 ms for the
/// client's next bytes (no busy loop: the simulator shares the machine with the system under test; no fixed
/// sleep either, which would delay reading every order by up to 1 ms).
/// </summary>
internal sealed class SimulatorConnection : IDisposable
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(1);

    private readonly WebSocketConnection _socket;
    private readonly ISimulatedConnection _connection;
    private readonly Thread _thread;
    private readonly WireToWireProbe? _probe;
    private volatile bool _stopping;

    public SimulatorConnection(WebSocketConnection socket, ISimulatedConnection connection, string name, WireToWireProbe? probe = null)
    {
        _socket = socket;
        _connection = connection;
        _probe = probe;
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
        var handler = new ClientMessages(_connection, _probe);
        _connection.Open();
        while (!_stopping && !_connection.IsClosed && _socket.State == WebSocketConnectionState.Open)
        {
            var work = _connection.IsStalled ? 0 : _socket.Poll(ref handler);
            work += _connection.Poll(MonotonicClock.Now());
            if (work == 0)
            {
                if (_connection.IsStalled)
                {
                    Thread.Sleep(1);
                }
                else
                {
                    _socket.WaitReadable(IdleWait);
                }
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
        private readonly WireToWireProbe? _probe;

        public ClientMessages(ISimulatedConnection connection, WireToWireProbe? probe)
        {
            _connection = connection;
            _probe = probe;
        }

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            if (isText)
            {
                _probe?.OnClientMessage(payload, receiveTimestamp);
                _connection.OnClientMessage(payload);
            }
        }

        public void OnClose(int closeStatus, ReadOnlySpan<byte> reason)
        {
        }
    }
}
