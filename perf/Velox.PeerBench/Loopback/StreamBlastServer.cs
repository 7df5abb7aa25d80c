using System.Net;
using System.Net.Sockets;
using System.Text;
using Velox.Net.WebSockets;
using Velox.PeerBench.Corpus;

namespace Velox.PeerBench.Loopback;

/// <summary>
/// Serves a pre-generated simulator stream as fast as loopback TCP takes it: the frames are
/// WebSocket-encoded once into one buffer and written in large chunks, so the client, not the
/// server, is what a run measures. The live simulator sends one frame per syscall and tops out
/// well below a fast client. Client messages are read and ignored: the stream already holds the
/// replies (conf, subscribed) in the order the simulator sends them. One client per server.
/// </summary>
public sealed class StreamBlastServer : IDisposable
{
    private const int ChunkBytes = 256 * 1024;
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly byte[] _wire;
    private readonly Thread _thread;

    public StreamBlastServer(byte[] wire)
    {
        _wire = wire;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1);
        _thread = new Thread(Serve) { IsBackground = true, Name = "stream-blast" };
        _thread.Start();
    }

    public Uri Url => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/ws/2");

    /// <summary>Every frame of <paramref name="corpus"/> as an unmasked, final text frame, back to back.</summary>
    public static byte[] Encode(FrameCorpus corpus)
    {
        var wire = new byte[corpus.Bytes + (corpus.Count * 10L)];
        var at = 0;
        for (var i = 0; i < corpus.Count; i++)
        {
            at += WebSocketFrameEncoder.WriteFrame(wire.AsSpan(at), 0x1, fin: true, corpus[i], masked: false, maskKey: 0);
        }

        return wire.AsSpan(0, at).ToArray();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _thread.Join(TimeSpan.FromSeconds(5));
    }

    private void Serve()
    {
        Socket client;
        try
        {
            client = _listener.Accept();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return;
        }

        using (client)
        {
            try
            {
                client.NoDelay = true;
                client.SendTimeout = 60_000;
                if (!Handshake(client))
                {
                    return;
                }

                for (var at = 0; at < _wire.Length; at += ChunkBytes)
                {
                    client.Send(_wire.AsSpan(at, Math.Min(ChunkBytes, _wire.Length - at)));
                }

                // Keep the connection open (and drain what the client sends) until it leaves.
                var sink = new byte[4096];
                while (client.Receive(sink) > 0)
                {
                }
            }
            catch (SocketException)
            {
                // The client closed before the end of the stream: it had read what it wanted.
            }
        }
    }

    private static bool Handshake(Socket client)
    {
        var buffer = new byte[WebSocketHandshake.MaxHeaderLength];
        var received = 0;
        int end;
        while ((end = buffer.AsSpan(0, received).IndexOf("\r\n\r\n"u8)) < 0)
        {
            var n = client.Receive(buffer.AsSpan(received));
            if (n == 0 || received + n == buffer.Length)
            {
                return false;
            }

            received += n;
        }

        string? key = null;
        foreach (var line in Encoding.ASCII.GetString(buffer, 0, end).Split("\r\n"))
        {
            if (line.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))
            {
                key = line["Sec-WebSocket-Key:".Length..].Trim();
            }
        }

        if (key is null)
        {
            return false;
        }

        client.Send(Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Accept: {WebSocketHandshake.ComputeAccept(key)}\r\n\r\n"));
        return true;
    }
}
