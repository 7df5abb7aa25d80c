using Velox.Core.Metrics;

namespace Velox.Simulator.Hosting;

/// <summary>
/// Wire-to-wire through the loopback, seen from the exchange: the time from handing a market-data frame to send()
/// to reading the new order (<c>[0,"on",…]</c>) or amend (<c>[0,"ou",…]</c>) it provoked. Which orders a market-data
/// frame provoked is carried by id: the client registers the cid of each decision's first order (<see cref="ExpectOrder"/>)
/// or the venue id of its first amend (<see cref="ExpectAmend"/>), an in-process side channel: the embedded simulator
/// and the client share this object, so orders from the strategy's timer
/// (after a rate-limit backoff) or answering a fill are not samples. Which frame: the latest market-data frame
/// (book or trade update; not heartbeats, checksums or account frames) sent before the read that delivered the
/// order, one sample per frame. When the client decided on an older frame while a newer one was already on its
/// way, the sample is attributed to the newer frame and comes out shorter: the rule never overstates. Frame
/// sends and order reads happen on the connection thread of one client; read the histogram after it stopped.
/// </summary>
public sealed class WireToWireProbe
{
    private const int ExpectedSlots = 1024;
    private readonly long[] _expected = new long[ExpectedSlots];
    private readonly long[] _expectedAmends = new long[ExpectedSlots];
    private long _lastFrameNanos;
    private bool _pending;
    private long _frameBytes;
    private long _frames;
    private long _orderBytes;

    /// <summary>Samples in nanoseconds.</summary>
    public LatencyHistogram Histogram { get; } = new();

    /// <summary>New orders read (samples or not).</summary>
    public long Orders { get; private set; }

    /// <summary>Amends read (samples or not).</summary>
    public long Amends { get; private set; }

    /// <summary>Mean payload bytes of the market-data frames sent (0 before the first).</summary>
    public int MeanFrameBytes => _frames == 0 ? 0 : (int)(_frameBytes / _frames);

    /// <summary>Mean payload bytes of the new-order messages read (0 before the first).</summary>
    public int MeanOrderBytes => Orders == 0 ? 0 : (int)(_orderBytes / Orders);

    /// <summary>The client is about to send the order with this cid as the first order of a market-data decision (any thread).</summary>
    public void ExpectOrder(long cid) => Volatile.Write(ref _expected[cid & (ExpectedSlots - 1)], cid);

    /// <summary>The client is about to send the amend of the order with this venue id as the first order of a market-data decision (any thread).</summary>
    public void ExpectAmend(long venueOrderId) => Volatile.Write(ref _expectedAmends[venueOrderId & (ExpectedSlots - 1)], venueOrderId);

    /// <summary>A frame is handed to send() at <paramref name="sendNanos"/> (monotonic ns).</summary>
    public void OnFrameSent(ReadOnlySpan<byte> frame, long sendNanos)
    {
        if (!IsMarketData(frame))
        {
            return;
        }

        _lastFrameNanos = sendNanos;
        _pending = true;
        _frameBytes += frame.Length;
        _frames++;
    }

    /// <summary>A client message was read at <paramref name="receiveNanos"/> (the read's return, monotonic ns).</summary>
    public void OnClientMessage(ReadOnlySpan<byte> message, long receiveNanos)
    {
        long id;
        bool expected;
        if (message.StartsWith("[0,\"on\""u8))
        {
            Orders++;
            _orderBytes += message.Length;
            expected = TryReadNumber(message, "\"cid\":"u8, out id) && Volatile.Read(ref _expected[id & (ExpectedSlots - 1)]) == id;
        }
        else if (message.StartsWith("[0,\"ou\""u8))
        {
            Amends++;
            expected = TryReadNumber(message, "\"id\":"u8, out id) && Volatile.Read(ref _expectedAmends[id & (ExpectedSlots - 1)]) == id;
        }
        else
        {
            return;
        }

        if (_pending && receiveNanos >= _lastFrameNanos && expected)
        {
            Histogram.Record(receiveNanos - _lastFrameNanos);
            _pending = false;
        }
    }

    private static bool TryReadNumber(ReadOnlySpan<byte> message, ReadOnlySpan<byte> key, out long value)
    {
        value = 0;
        var at = message.IndexOf(key);
        if (at < 0)
        {
            return false;
        }

        var digits = 0;
        for (var i = at + key.Length; i < message.Length && message[i] is >= (byte)'0' and <= (byte)'9' && digits < 18; i++, digits++)
        {
            value = (value * 10) + (message[i] - '0');
        }

        return digits > 0;
    }

    /// <summary>A Bitfinex channel frame that can move a strategy: <c>[chan,[…]]</c> or a trade <c>[chan,"te",…]</c> on a channel other than 0.</summary>
    public static bool IsMarketData(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 4 || frame[0] != (byte)'[' || frame[1] is < (byte)'1' or > (byte)'9')
        {
            return false;
        }

        var i = 2;
        while (i < frame.Length && frame[i] is >= (byte)'0' and <= (byte)'9')
        {
            i++;
        }

        if (i + 1 >= frame.Length || frame[i] != (byte)',')
        {
            return false;
        }

        var rest = frame[(i + 1)..];
        return rest[0] == (byte)'[' || rest.StartsWith("\"te\""u8);
    }
}
