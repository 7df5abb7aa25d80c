using Velox.MarketData.Capture;
using Velox.MarketData.Outbound;

namespace Velox.MarketData.Replay;

/// <summary>
/// Walks a capture for a venue's replay check: inbound, outbound and connect records go to the
/// venue's <see cref="ICaptureReplayTarget"/>; outbound, connect, REST and meta records are counted,
/// and after every record the requests the session queued are drained and counted.
/// </summary>
public static class CaptureReplayDriver
{
    /// <summary>Replays every record of <paramref name="reader"/> into <paramref name="target"/>.</summary>
    public static CaptureReplayCounts Run<TTarget>(CaptureReader reader, ref TTarget target)
        where TTarget : struct, ICaptureReplayTarget
    {
        ArgumentNullException.ThrowIfNull(reader);
        long outbound = 0, connects = 0, rest = 0, meta = 0, requestsQueued = 0;
        while (reader.TryRead(out var record))
        {
            switch (record.Direction)
            {
                case CaptureDirection.Inbound:
                    target.OnInbound(in record);
                    break;
                case CaptureDirection.Outbound:
                    outbound++;
                    target.OnOutbound(in record);
                    break;
                case CaptureDirection.Connect:
                    target.OnConnect(in record, connects++ > 0);
                    break;
                case CaptureDirection.Rest:
                    rest++;
                    break;
                default:
                    meta++;
                    break;
            }

            requestsQueued += target.DrainRequests();
        }

        return new CaptureReplayCounts(outbound, connects, rest, meta, requestsQueued);
    }

    /// <summary>Drops every queued request; returns how many there were.</summary>
    public static long Drain(OutboundQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        long drained = 0;
        while (queue.TryPeek(out _))
        {
            drained++;
            queue.Advance();
        }

        return drained;
    }
}
