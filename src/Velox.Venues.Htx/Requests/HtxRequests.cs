namespace Velox.Venues.Htx.Requests;

/// <summary>Builders for the client → server messages, written as UTF-8 JSON into a caller buffer.</summary>
public static class HtxRequests
{
    /// <summary>Longest message these builders produce for a topic of <see cref="MaxTopicLength"/> bytes.</summary>
    public const int MaxLength = 128;

    /// <summary>Longest topic accepted.</summary>
    public const int MaxTopicLength = 80;

    /// <summary><c>{"pong":N}</c> echoing the ping's number text.</summary>
    public static bool TryWritePong(Span<byte> destination, ReadOnlySpan<byte> pingNumber, out int written) =>
        TryWrite(destination, "{\"pong\":"u8, pingNumber, "}"u8, out written);

    /// <summary><c>{"sub":"topic","id":"topic"}</c>: the id echoes the topic so acks are self-describing.</summary>
    public static bool TryWriteSubscribe(Span<byte> destination, ReadOnlySpan<byte> topic, out int written) =>
        TryWriteTopic(destination, "{\"sub\":\""u8, topic, out written);

    /// <summary><c>{"unsub":"topic","id":"topic"}</c></summary>
    public static bool TryWriteUnsubscribe(Span<byte> destination, ReadOnlySpan<byte> topic, out int written) =>
        TryWriteTopic(destination, "{\"unsub\":\""u8, topic, out written);

    private static bool TryWriteTopic(Span<byte> destination, ReadOnlySpan<byte> head, ReadOnlySpan<byte> topic, out int written)
    {
        written = 0;
        if (topic.Length > MaxTopicLength)
        {
            return false;
        }

        var length = head.Length + topic.Length + 8 + topic.Length + 2;
        if (destination.Length < length)
        {
            return false;
        }

        head.CopyTo(destination);
        var pos = head.Length;
        topic.CopyTo(destination[pos..]);
        pos += topic.Length;
        "\",\"id\":\""u8.CopyTo(destination[pos..]);
        pos += 8;
        topic.CopyTo(destination[pos..]);
        pos += topic.Length;
        "\"}"u8.CopyTo(destination[pos..]);
        written = pos + 2;
        return true;
    }

    private static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> head, ReadOnlySpan<byte> body, ReadOnlySpan<byte> tail, out int written)
    {
        written = head.Length + body.Length + tail.Length;
        if (body.IsEmpty || destination.Length < written)
        {
            written = 0;
            return false;
        }

        head.CopyTo(destination);
        body.CopyTo(destination[head.Length..]);
        tail.CopyTo(destination[(head.Length + body.Length)..]);
        return true;
    }
}
