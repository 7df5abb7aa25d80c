using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

/// <summary>Bad client frames against our server: each fails the connection with the RFC's close code.</summary>
[CancelAfter(20_000)]
public sealed class ServerProtocolViolationTests
{
    private static readonly byte[] InvalidUtf8 = [0x48, 0xC3, 0x28, 0x21];

    private static IEnumerable<TestCaseData> Violations()
    {
        yield return Case("unmasked text frame", RawClient.Frame(0x81, "Hello"u8, masked: false), WebSocketCloseCode.ProtocolError);
        yield return Case("RSV1 without an extension", RawClient.Frame(0xC1, "Hello"u8), WebSocketCloseCode.ProtocolError);
        yield return Case("RSV3", RawClient.Frame(0x91, "Hello"u8), WebSocketCloseCode.ProtocolError);
        yield return Case("reserved data opcode 0x3", RawClient.Frame(0x83, "Hello"u8), WebSocketCloseCode.ProtocolError);
        yield return Case("reserved control opcode 0xB", RawClient.Frame(0x8B, "Hello"u8), WebSocketCloseCode.ProtocolError);
        yield return Case("fragmented ping", RawClient.Frame(0x09, "Hello"u8), WebSocketCloseCode.ProtocolError);
        yield return Case("ping longer than 125", RawClient.Frame(0x89, new byte[126]), WebSocketCloseCode.ProtocolError);
        yield return Case("continuation without a message", RawClient.Frame(0x80, "lo"u8), WebSocketCloseCode.ProtocolError);
        yield return Case("new message inside a fragmented one", [.. RawClient.Frame(0x01, "Hel"u8), .. RawClient.Frame(0x81, "x"u8)], WebSocketCloseCode.ProtocolError);
        yield return Case("64-bit length with the top bit set", [0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4], WebSocketCloseCode.ProtocolError);
        yield return Case("close with a 1-byte payload", RawClient.Frame(0x88, [0x03]), WebSocketCloseCode.ProtocolError);
        yield return Case("close with code 1005", RawClient.Frame(0x88, [0x03, 0xED]), WebSocketCloseCode.ProtocolError);
        yield return Case("close with code 999", RawClient.Frame(0x88, [0x03, 0xE7]), WebSocketCloseCode.ProtocolError);
        yield return Case("close with code 5000", RawClient.Frame(0x88, [0x13, 0x88]), WebSocketCloseCode.ProtocolError);
        yield return Case("close reason not UTF-8", RawClient.Frame(0x88, [0x03, 0xE8, .. InvalidUtf8]), WebSocketCloseCode.InvalidPayloadData);
        yield return Case("text not UTF-8", RawClient.Frame(0x81, InvalidUtf8), WebSocketCloseCode.InvalidPayloadData);
        yield return Case("fragmented text not UTF-8", [.. RawClient.Frame(0x01, "ok"u8), .. RawClient.Frame(0x80, InvalidUtf8)], WebSocketCloseCode.InvalidPayloadData);
        yield return Case("message over the limit", RawClient.Frame(0x82, new byte[2000]), WebSocketCloseCode.MessageTooBig);
        yield return Case("fragments over the limit", [.. RawClient.Frame(0x02, new byte[600]), .. RawClient.Frame(0x80, new byte[600])], WebSocketCloseCode.MessageTooBig);
        yield return Case("frame over the limit, header only", [0x82, 0xFF, 0, 0, 0, 0, 0, 1, 0, 0, 1, 2, 3, 4], WebSocketCloseCode.MessageTooBig);
    }

    [TestCaseSource(nameof(Violations))]
    public async Task Violation_fails_the_connection_with_the_right_code(byte[] bytes, int expected)
    {
        using var server = new WebSocketServer(0, new WebSocketOptions { MaxMessageSize = 1024, ReceiveBufferSize = 1024 });
        var accept = server.AcceptAsync();
        using var raw = await RawClient.ConnectAsync(server.Port);
        using var connection = await accept;
        Assert.That(raw.ReadResponse(), Does.StartWith("HTTP/1.1 101"));
        var recording = new Recording();

        raw.Send(bytes);
        recording.PollUntilClosed(connection);

        Assert.That(recording.CloseStatus, Is.EqualTo(expected));
        Assert.That(connection.CloseStatus, Is.EqualTo(expected));
        Assert.That(raw.ReadCloseCode(), Is.EqualTo(expected));
        Assert.That(recording.Messages, Is.Empty);
        var counted = expected == WebSocketCloseCode.MessageTooBig ? connection.OversizedMessages : connection.ProtocolErrors;
        Assert.That(counted, Is.EqualTo(1));
        Assert.That(connection.SendText("late"u8), Is.False);
    }

    [Test]
    public async Task Text_split_inside_a_code_point_is_valid_after_reassembly()
    {
        using var server = new WebSocketServer();
        var accept = server.AcceptAsync();
        using var raw = await RawClient.ConnectAsync(server.Port);
        using var connection = await accept;
        raw.ReadResponse();
        var recording = new Recording();

        raw.Send([.. RawClient.Frame(0x01, [0x63, 0x61, 0x66, 0xC3]), .. RawClient.Frame(0x80, [0xA9])]);
        recording.PollUntilMessages(connection, 1);

        Assert.That(recording.Text(0), Is.EqualTo("café"));
    }

    private static TestCaseData Case(string name, byte[] bytes, int code) => new TestCaseData(bytes, code).SetName($"{{m}}({name} -> {code})");
}
