using System.Diagnostics;
using System.Text;
using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

/// <summary>What a <see cref="RecordingHandler"/> saw; tests poll until it holds what they expect.</summary>
internal sealed class Recording
{
    public List<(byte[] Payload, bool IsText, long Timestamp)> Messages { get; } = [];

    public int CloseStatus { get; set; } = -1;

    public string CloseReason { get; set; } = string.Empty;

    public string Text(int index) => Encoding.UTF8.GetString(Messages[index].Payload);

    /// <summary>Polls <paramref name="connection"/> until <paramref name="done"/> holds; fails after the timeout.</summary>
    public void PollUntil(WebSocketConnection connection, Func<Recording, bool> done, int timeoutMs = 10_000)
    {
        var handler = new RecordingHandler(this);
        var clock = Stopwatch.StartNew();
        while (!done(this))
        {
            if (clock.ElapsedMilliseconds > timeoutMs)
            {
                Assert.Fail($"timed out: {Messages.Count} messages, close {CloseStatus}, state {connection.State}");
            }

            connection.Poll(ref handler, TimeSpan.FromMilliseconds(20));
        }
    }

    public void PollUntilMessages(WebSocketConnection connection, int count) => PollUntil(connection, r => r.Messages.Count >= count);

    public void PollUntilClosed(WebSocketConnection connection) => PollUntil(connection, r => r.CloseStatus >= 0);
}

/// <summary>Copies everything it receives into a <see cref="Recording"/> (tests only: it allocates).</summary>
internal readonly struct RecordingHandler : IWebSocketHandler
{
    private readonly Recording _recording;

    public RecordingHandler(Recording recording) => _recording = recording;

    public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) =>
        _recording.Messages.Add((payload.ToArray(), isText, receiveTimestamp));

    public void OnClose(int closeStatus, ReadOnlySpan<byte> reason)
    {
        _recording.CloseStatus = closeStatus;
        _recording.CloseReason = Encoding.UTF8.GetString(reason);
    }
}

/// <summary>Sends every message straight back on the same connection (server side of interop tests).</summary>
internal readonly struct EchoHandler : IWebSocketHandler
{
    private readonly WebSocketConnection _connection;
    private readonly Recording _recording;

    public EchoHandler(WebSocketConnection connection, Recording recording)
    {
        _connection = connection;
        _recording = recording;
    }

    public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
    {
        _ = isText ? _connection.SendText(payload) : _connection.SendBinary(payload);
    }

    public void OnClose(int closeStatus, ReadOnlySpan<byte> reason)
    {
        _recording.CloseStatus = closeStatus;
        _recording.CloseReason = Encoding.UTF8.GetString(reason);
    }
}
