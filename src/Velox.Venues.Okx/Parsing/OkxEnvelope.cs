namespace Velox.Venues.Okx.Parsing;

/// <summary>The routing fields of one server frame, as views into the frame.</summary>
public readonly ref struct OkxEnvelope
{
    public OkxEnvelope(OkxMessageKind kind, ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> channel, ReadOnlySpan<byte> instId, ReadOnlySpan<byte> action, ReadOnlySpan<byte> data)
    {
        Kind = kind;
        EventName = eventName;
        Channel = channel;
        InstId = instId;
        Action = action;
        Data = data;
    }

    public OkxMessageKind Kind { get; }

    /// <summary>The <c>event</c> value of an event frame.</summary>
    public ReadOnlySpan<byte> EventName { get; }

    /// <summary><c>arg.channel</c>.</summary>
    public ReadOnlySpan<byte> Channel { get; }

    /// <summary><c>arg.instId</c>.</summary>
    public ReadOnlySpan<byte> InstId { get; }

    /// <summary><c>action</c> of a book message ("snapshot"/"update"); empty elsewhere.</summary>
    public ReadOnlySpan<byte> Action { get; }

    /// <summary>The <c>data</c> array, brackets included.</summary>
    public ReadOnlySpan<byte> Data { get; }
}
