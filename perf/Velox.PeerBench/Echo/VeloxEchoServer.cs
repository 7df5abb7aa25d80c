using System.Net;
using Velox.Net.WebSockets;

namespace Velox.PeerBench.Echo;

/// <summary>Our WebSocket server on 127.0.0.1 echoing every message; one thread per client, waiting in Poll (no spinning).</summary>
public sealed class VeloxEchoServer : IDisposable
{
    private static readonly TimeSpan PollWait = TimeSpan.FromMilliseconds(100);
    private readonly WebSocketServer _server = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Thread> _threads = [];
    private readonly Task _accept;

    public VeloxEchoServer() => _accept = Task.Run(AcceptLoop);

    public Uri Url => new($"ws://127.0.0.1:{_server.Port}/echo");

    public void Dispose()
    {
        _stop.Cancel();
        _server.Dispose();
        try
        {
            _accept.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends by cancellation.
        }

        lock (_threads)
        {
            foreach (var thread in _threads)
            {
                thread.Join(TimeSpan.FromSeconds(5));
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            WebSocketConnection connection;
            try
            {
                connection = await _server.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException or IOException or WebSocketHandshakeException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            var thread = new Thread(() => Serve(connection)) { IsBackground = true, Name = "velox-echo" };
            lock (_threads)
            {
                _threads.Add(thread);
            }

            thread.Start();
        }
    }

    private void Serve(WebSocketConnection connection)
    {
        using (connection)
        {
            var echo = new Echo(connection);
            while (!_stop.IsCancellationRequested && connection.State == WebSocketConnectionState.Open)
            {
                connection.Poll(ref echo, PollWait);
            }
        }
    }

    private readonly struct Echo : IWebSocketHandler
    {
        private readonly WebSocketConnection _connection;

        public Echo(WebSocketConnection connection) => _connection = connection;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            if (isText)
            {
                _connection.SendText(payload);
            }
            else
            {
                _connection.SendBinary(payload);
            }
        }

        public void OnClose(int closeStatus, ReadOnlySpan<byte> reason)
        {
        }
    }
}
