using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

/// <summary>A hand-driven TCP client that completes the upgrade and then sends whatever bytes a test wants.</summary>
internal sealed class RawClient : IDisposable
{
    private const uint MaskKey = 0x3D21_FA37;

    private readonly Socket _socket;

    private RawClient(Socket socket) => _socket = socket;

    public static async Task<RawClient> ConnectAsync(int port, string? request = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        request ??= "GET /raw HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        return new RawClient(socket);
    }

    /// <summary>Reads the HTTP response header block.</summary>
    public string ReadResponse()
    {
        var received = new List<byte>();
        var one = new byte[1];
        while (!Encoding.ASCII.GetString(received.ToArray()).EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (_socket.Receive(one) == 0)
            {
                break;
            }

            received.Add(one[0]);
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }

    public void Send(ReadOnlySpan<byte> bytes) => _socket.Send(bytes);

    /// <summary>A masked frame as a client must send it.</summary>
    public static byte[] Frame(byte firstByte, ReadOnlySpan<byte> payload, bool masked = true)
    {
        var frame = new byte[payload.Length + 14];
        var written = WebSocketFrameEncoder.WriteFrame(frame, (byte)(firstByte & 0x0F), (firstByte & 0x80) != 0, payload, masked, MaskKey);
        frame[0] = firstByte;
        return frame.AsSpan(0, written).ToArray();
    }

    /// <summary>Reads unmasked server frames until a close frame; returns its code (0 when it has none, -1 on EOF).</summary>
    public int ReadCloseCode()
    {
        _socket.ReceiveTimeout = 5000;
        var header = new byte[2];
        while (ReadExactly(header))
        {
            var length = header[1] & 0x7F;
            var extended = length == 126 ? 2 : length == 127 ? 8 : 0;
            var lengthBytes = new byte[extended];
            ReadExactly(lengthBytes);
            long payloadLength = extended == 2 ? BinaryPrimitives.ReadUInt16BigEndian(lengthBytes) : extended == 8 ? BinaryPrimitives.ReadInt64BigEndian(lengthBytes) : length;
            var payload = new byte[payloadLength];
            ReadExactly(payload);
            if ((header[0] & 0x0F) == WebSocketOpcode.Close)
            {
                return payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload) : 0;
            }
        }

        return -1;
    }

    public void Dispose() => _socket.Dispose();

    private bool ReadExactly(byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = _socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
