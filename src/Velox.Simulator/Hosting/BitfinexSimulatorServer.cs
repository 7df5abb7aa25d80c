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
    private readonly SimulatorClients _clients;
    private readonly RestServer? _rest;

    private BitfinexSimulatorServer(int port, WebSocketOptions? socketOptions, Func<IFrameSink, long, ISimulatedConnection> connect)
    {
        _clients = new SimulatorClients(port, socketOptions, (socket, index) =>
        {
            var probe = WireToWire;
            var connection = connect(new WebSocketFrameSink(socket, probe), MonotonicClock.Now());
            return new SimulatorConnection(socket, connection, $"bfx-sim-{index}", probe);
        });
    }

    /// <summary>
    /// Serves synthetic markets on <paramref name="port"/>, and the authenticated REST history endpoints
    /// (<see cref="BitfinexRestApi"/>) on <paramref name="restPort"/>; 0 picks a free port.
    /// </summary>
    public BitfinexSimulatorServer(SimulatorOptions options, int port = 0, WebSocketOptions? socketOptions = null, int restPort = 0)
        : this(port, socketOptions, new BitfinexSimulator(options), restPort)
    {
    }

    private BitfinexSimulatorServer(int port, WebSocketOptions? socketOptions, BitfinexSimulator simulator, int restPort)
        : this(port, socketOptions, simulator.Connect)
    {
        Simulator = simulator;
        RestApi = new BitfinexRestApi(simulator.Engine);
        try
        {
            _rest = new RestServer(RestApi.Handle, restPort);
        }
        catch
        {
            _clients.Dispose();
            throw;
        }
    }

    /// <summary>Serves every client the frames of the capture that <paramref name="openCapture"/> opens.</summary>
    public static BitfinexSimulatorServer ForReplay(Func<ICapturedFrameSource> openCapture, ReplayPace pace, int port = 0, WebSocketOptions? socketOptions = null) =>
        new(port, socketOptions, (sink, start) => new CaptureReplaySession(openCapture(), sink, pace, start));

    /// <summary>The synthetic exchange (accounts, wallets, resting orders); null when replaying a capture.</summary>
    public BitfinexSimulator? Simulator { get; }

    /// <summary>The authenticated REST endpoints (orders history, order trades); null when replaying a capture.</summary>
    public BitfinexRestApi? RestApi { get; }

    /// <summary>http://127.0.0.1:restPort/ of the REST endpoints (the venue's https://api.bitfinex.com/); null when replaying a capture.</summary>
    public Uri? RestUrl => _rest?.BaseAddress;

    /// <summary>The bound port.</summary>
    public int Port => _clients.Port;

    /// <summary>ws://127.0.0.1:port/ws/2</summary>
    public Uri Url => new($"ws://127.0.0.1:{Port}/ws/2");

    /// <summary>Clients accepted so far.</summary>
    public int AcceptedConnections => _clients.Accepted;

    /// <summary>Upgrade requests refused by the WebSocket layer.</summary>
    public long RejectedHandshakes => _clients.RejectedHandshakes;

    /// <summary>
    /// Set before clients connect: market-data send times and new-order arrivals of the clients are timed into this
    /// probe (wire-to-wire; meant for one trading client at a time); null: not measured.
    /// </summary>
    public WireToWireProbe? WireToWire { get; set; }

    /// <summary>Requests <paramref name="kind"/> on every live synthetic connection (applied on each one's thread).</summary>
    public int InjectFault(FaultKind kind, int stallMillis = 0) =>
        _clients.ForEachLive(connection =>
        {
            if (connection is not BitfinexSession session)
            {
                return false;
            }

            session.Inject(kind, stallMillis);
            return true;
        });

    /// <summary>Starts accepting clients.</summary>
    public void Start()
    {
        _clients.Start();
        _rest?.Start();
    }

    /// <summary>Stops accepting, ends every client and releases the ports.</summary>
    public void Dispose()
    {
        _clients.Dispose();
        _rest?.Dispose();
    }
}
