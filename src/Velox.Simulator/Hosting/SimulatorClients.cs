using System.Net;
using Velox.Net.WebSockets;

namespace Velox.Simulator.Hosting;

/// <summary>
/// The WebSocket side every simulator server shares: a server on 127.0.0.1, an accept loop that turns each client
/// into a <see cref="SimulatorConnection"/> (one thread each) through the server's own factory, the list of live
/// clients (ended ones are dropped on the next accept), and a stop that ends them all. Cold path.
/// </summary>
internal sealed class SimulatorClients : IDisposable
{
    private readonly WebSocketServer _server;
    private readonly Func<WebSocketConnection, int, SimulatorConnection> _accept;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<SimulatorConnection> _clients = [];
    private readonly Lock _clientsLock = new();
    private Task? _acceptLoop;
    private int _accepted;

    /// <summary>Binds <paramref name="port"/> (0: any free port); <paramref name="accept"/> gets each client's socket and its 1-based number.</summary>
    public SimulatorClients(int port, WebSocketOptions? socketOptions, Func<WebSocketConnection, int, SimulatorConnection> accept)
    {
        _server = new WebSocketServer(new IPEndPoint(IPAddress.Loopback, port), socketOptions);
        _accept = accept;
    }

    /// <summary>The bound port.</summary>
    public int Port => _server.Port;

    /// <summary>Clients accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Upgrade requests refused by the WebSocket layer.</summary>
    public long RejectedHandshakes => _server.RejectedHandshakes;

    /// <summary>Starts accepting clients.</summary>
    public void Start() => _acceptLoop ??= Task.Run(AcceptLoop);

    /// <summary>Calls <paramref name="action"/> on every client that has not ended; returns how many it answered true for.</summary>
    public int ForEachLive(Func<ISimulatedConnection, bool> action)
    {
        var count = 0;
        lock (_clientsLock)
        {
            foreach (var client in _clients)
            {
                if (!client.HasEnded && action(client.Connection))
                {
                    count++;
                }
            }
        }

        return count;
    }

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

            var client = _accept(socket, Interlocked.Increment(ref _accepted));
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
