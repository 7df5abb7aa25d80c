using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Velox.Simulator.Hosting;

/// <summary>One request as a <see cref="RestServer"/> hands it to a handler.</summary>
/// <param name="Method">GET or POST.</param>
/// <param name="Target">The request target (path and query).</param>
/// <param name="Headers">Header values by name (case-insensitive; the last one wins).</param>
/// <param name="Body">The body (empty without Content-Length).</param>
public sealed record RestRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// A minimal, strict HTTP/1.1 server on 127.0.0.1 for a venue's REST endpoints: headers up to 8 KiB, keep-alive
/// unless the client sends <c>Connection: close</c>. A snapshot server (target handler) takes GET only and no bodies;
/// a request handler takes GET and POST with a Content-Length body up to 64 KiB (no chunked bodies). The handler
/// returns a status and a JSON body. One task per client.
/// </summary>
public sealed class RestServer : IDisposable
{
    private const int MaxHeaderBytes = 8 * 1024;
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    private readonly Socket _listener;
    private readonly Func<RestRequest, (int Status, byte[] Body)> _handler;
    private readonly bool _getOnly;
    private readonly CancellationTokenSource _stop = new();
    private Task? _acceptLoop;
    private long _requests;
    private long _rejected;

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0 = any free port) for GET requests; the handler gets the target.</summary>
    public RestServer(Func<string, (int Status, byte[] Body)> handler, int port = 0)
        : this(request => handler(request.Target), port, getOnly: true)
    {
    }

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0 = any free port) for GET and POST requests with bodies.</summary>
    public RestServer(Func<RestRequest, (int Status, byte[] Body)> handler, int port = 0)
        : this(handler, port, getOnly: false)
    {
    }

    private RestServer(Func<RestRequest, (int Status, byte[] Body)> handler, int port, bool getOnly)
    {
        _handler = handler;
        _getOnly = getOnly;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            _listener.Listen(64);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }

        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
    }

    /// <summary>The bound port.</summary>
    public int Port { get; }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Requests answered by the handler.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests refused as malformed or unsupported (4xx from the server itself).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Starts accepting clients.</summary>
    public void Start() => _acceptLoop ??= Task.Run(AcceptLoop);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try
        {
            _acceptLoop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends by cancellation; nothing to report.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(Socket client)
    {
        using var socket = client;
        socket.NoDelay = true;
        var buffer = new byte[MaxHeaderBytes];
        var filled = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(IdleTimeout);
                int end;
                while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    if (filled == buffer.Length)
                    {
                        await Refuse(socket, "431 Request Header Fields Too Large").ConfigureAwait(false);
                        return;
                    }

                    var n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, timeout.Token).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return;
                    }

                    filled += n;
                }

                var header = Encoding.Latin1.GetString(buffer, 0, end);
                var consumed = end + 4;
                Array.Copy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
                var head = await ReadHead(socket, header).ConfigureAwait(false);
                if (head is null)
                {
                    return;
                }

                var (method, target, headers, length, close) = head.Value;
                var body = new byte[length];
                var fromBuffer = Math.Min(length, filled);
                Array.Copy(buffer, body, fromBuffer);
                Array.Copy(buffer, fromBuffer, buffer, 0, filled - fromBuffer);
                filled -= fromBuffer;
                for (var read = fromBuffer; read < length;)
                {
                    var n = await socket.ReceiveAsync(body.AsMemory(read), SocketFlags.None, timeout.Token).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return;
                    }

                    read += n;
                }

                if (!await Answer(socket, new RestRequest(method, target, headers, body), close, timeout.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Client gone, idle too long, or server stopping: the connection just ends.
        }
    }

    /// <summary>Checks the request line and headers; null (after refusing) when the request cannot be served.</summary>
    private async Task<(string Method, string Target, Dictionary<string, string> Headers, int Length, bool Close)?> ReadHead(Socket socket, string header)
    {
        var lines = header.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || parts[2] != "HTTP/1.1" || !parts[1].StartsWith('/'))
        {
            await Refuse(socket, "400 Bad Request").ConfigureAwait(false);
            return null;
        }

        var close = false;
        var length = 0;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                await Refuse(socket, "400 Bad Request").ConfigureAwait(false);
                return null;
            }

            var name = lines[i][..colon].Trim();
            var value = lines[i][(colon + 1)..].Trim();
            headers[name] = value;
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                || (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                    && (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out length) || (_getOnly && length != 0))))
            {
                // Chunked bodies are not served, and a GET-only server takes no body: refusing is simpler and safer than skipping one.
                await Refuse(socket, "400 Bad Request").ConfigureAwait(false);
                return null;
            }

            close |= name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && value.Equals("close", StringComparison.OrdinalIgnoreCase);
        }

        if (parts[0] != "GET" && (_getOnly || parts[0] != "POST"))
        {
            await Refuse(socket, "405 Method Not Allowed").ConfigureAwait(false);
            return null;
        }

        if (length > MaxBodyBytes)
        {
            await Refuse(socket, "413 Content Too Large").ConfigureAwait(false);
            return null;
        }

        return (parts[0], parts[1], headers, length, close);
    }

    /// <summary>Answers one request; false when the connection must close.</summary>
    private async Task<bool> Answer(Socket socket, RestRequest request, bool close, CancellationToken cancellationToken)
    {
        var (status, body) = _handler(request);
        Interlocked.Increment(ref _requests);
        var head = $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: {body.Length}\r\n{(close ? "Connection: close\r\n" : string.Empty)}\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(body, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        return !close;
    }

    private async Task Refuse(Socket socket, string status)
    {
        Interlocked.Increment(ref _rejected);
        await socket.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), SocketFlags.None).ConfigureAwait(false);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Error",
    };
}
