using System.Net;
using Velox.Core.Time;
using Velox.Net.WebSockets;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Faults;
using Velox.Simulator.Replay;

namespace Velox.Simulator.Hosting;

/// <summary>
/// The embedded Bitfinex exchange on 127.0.0.1: accepts WebSocket clients (any path, e.g. /ws/2) and
/// serves each one a synthetic market session, or the replay of a capture. One thread per client.
/// </summary>
public sealed class BitfinexSimulatorServer : IDisposable
{
    private readonly WebSocketServer _server;
    private readonly Func<IFrameSink, long, ISimulatedConnection> _connect;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<SimulatorConnection> _clients = [];
    private readonly Lock _clientsLock = new();
    private Task? _acceptLoop;
    private int _accepted;

    private BitfinexSimulatorServer(int port, WebSocketOptions? socketOptions, Func<IFrameSink, long, ISimulatedConnection> connect)
    {
        _server = new WebSocketServer(new IPEndPoint(IPAddress.Loopback, port), socketOptions);
        _connect = connect;
    }

    /// <summary>Serves synthetic markets; <paramref name="port"/> 0 picks a free port.</summary>
    public BitfinexSimulatorServer(SimulatorOptions options, int port = 0, WebSocketOptions? socketOptions = null)
        : this(port, socketOptions, new BitfinexSimulator(options))
    {
    }

    private BitfinexSimulatorServer(int port, WebSocketOptions? socketOptions, BitfinexSimulator simulator)
        : this(port, socketOptions, simulator.Connect) => Simulator = simulator;

    /// <summary>Serves every client the frames of the capture that <paramref name="openCapture"/> opens.</summary>
    public static BitfinexSimulatorServer ForReplay(Func<ICapturedFrameSource> openCapture, ReplayPace pace, int port = 0, WebSocketOptions? socketOptions = null) =>
        new(port, socketOptions, (sink, start) => new CaptureReplaySession(openCapture(), sink, pace, start));

    /// <summary>The synthetic exchange (accounts, wallets, resting orders); null when replaying a capture.</summary>
    public BitfinexSimulator? Simulator { get; }

    /// <summary>The bound port.</summary>
    public int Port => _server.Port;

    /// <summary>ws://127.0.0.1:port/ws/2</summary>
    public Uri Url => new($"ws://127.0.0.1:{Port}/ws/2");

    /// <summary>Clients accepted so far.</summary>
    public int AcceptedConnections => Volatile.Read(ref _accepted);

    /// <summary>Upgrade requests refused by the WebSocket layer.</summary>
    public long RejectedHandshakes => _server.RejectedHandshakes;

    /// <summary>
    /// Set before clients connect: market-data send times and new-order arrivals of the clients are timed into this
    /// probe (wire-to-wire; meant for one trading client at a time); null: not measured.
    /// </summary>
    public WireToWireProbe? WireToWire { get; set; }

    /// <summary>Requests <paramref name="kind"/> on every live synthetic connection (applied on each one's thread).</summary>
    public int InjectFault(FaultKind kind, int stallMillis = 0)
    {
        var count = 0;
        lock (_clientsLock)
        {
            foreach (var client in _clients)
            {
                if (!client.HasEnded && client.Connection is BitfinexSession session)
                {
                    session.Inject(kind, stallMillis);
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Starts accepting clients.</summary>
    public void Start() => _acceptLoop ??= Task.Run(AcceptLoop);

    /// <summary>Stops accepting, ends every client and releases the port.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _server.Dispose();
        try
        {
            _acceptLoop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends by cancellation; nothing to report.
        }

        lock (_clientsLock)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            _clients.Clear();
        }

        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            WebSocketConnection socket;
            try
            {
                socket = await _server.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (WebSocketHandshakeException)
            {
                continue;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException or IOException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            var index = Interlocked.Increment(ref _accepted);
            var probe = WireToWire;
            var connection = _connect(new WebSocketFrameSink(socket, probe), MonotonicClock.Now());
            var client = new SimulatorConnection(socket, connection, $"bfx-sim-{index}", probe);
            lock (_clientsLock)
            {
                for (var i = _clients.Count - 1; i >= 0; i--)
                {
                    if (_clients[i].HasEnded)
                    {
                        _clients[i].Dispose();
                        _clients.RemoveAt(i);
                    }
                }

                _clients.Add(client);
            }

            client.Start();
        }
    }
}
