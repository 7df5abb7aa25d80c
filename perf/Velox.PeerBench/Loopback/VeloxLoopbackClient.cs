using System.Diagnostics;
using Velox.Core.Instruments;
using Velox.Net.WebSockets;
using Velox.PeerBench.Replay;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Session;

namespace Velox.PeerBench.Loopback;

/// <summary>Our WebSocket client + BitfinexMarketDataSession reading the loopback stream.</summary>
public static class VeloxLoopbackClient
{
    private static readonly TimeSpan PollWait = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads exactly <paramref name="frames"/> frames (or until <paramref name="timeout"/>).</summary>
    public static ThroughputResult Run(LoopbackSource source, int frames, TimeSpan timeout, byte[]? blastWire = null)
    {
        using var server = LoopbackServer.Start(source, blastWire);
        var session = new BitfinexMarketDataSession(
            new InstrumentRegistry(),
            new BitfinexSessionOptions { ConfFlags = BitfinexConfFlags.SeqAll | BitfinexConfFlags.OrderBookChecksum });
        session.SubscribeBook(LoopbackStream.Symbol, "P0", "F0", 25);
        using var connection = WebSocketClient.Connect(server.Url);
        var feed = new SessionFeed(session, frames);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        session.OnConnected();
        Flush(session, connection);
        while (feed.Frames < frames && connection.State == WebSocketConnectionState.Open && watch.Elapsed < timeout)
        {
            connection.Poll(ref feed, PollWait);
            if (session.Outbound.Count > 0)
            {
                Flush(session, connection);
            }
        }

        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new ThroughputResult
        {
            Pipeline = "velox",
            Scenario = "loopback-" + source.ToString().ToLowerInvariant(),
            Frames = feed.Frames,
            Seconds = watch.Elapsed.TotalSeconds,
            AllocatedBytes = allocated,
            ChecksumsVerified = session.Stats.ChecksumsVerified,
            ChecksumMismatches = session.Stats.ChecksumMismatches,
            Errors = session.Stats.Errors + session.Stats.SequenceGaps,
            Tops = TopOfBook.Of(session),
            Notes = "Velox.Net WebSocketConnection.Poll + BitfinexMarketDataSession (SEQ_ALL, checksums); allocation is process-wide (server included)",
        };
    }

    private static void Flush(BitfinexMarketDataSession session, WebSocketConnection connection)
    {
        while (session.Outbound.TryPeek(out var message))
        {
            connection.SendText(message);
            session.Outbound.Advance();
        }
    }

    /// <summary>Hands each text message to the session, stopping delivery at the frame budget.</summary>
    private struct SessionFeed : IWebSocketHandler
    {
        private readonly BitfinexMarketDataSession _session;
        private readonly int _limit;

        public SessionFeed(BitfinexMarketDataSession session, int limit)
        {
            _session = session;
            _limit = limit;
        }

        public int Frames { get; private set; }

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp)
        {
            // Poll delivers whole reads: frames past the budget are dropped so both pipelines stop at the same frame.
            if (isText && Frames < _limit)
            {
                Frames++;
                _session.ProcessFrame(payload, receiveTimestamp);
            }
        }

        public readonly void OnClose(int closeStatus, ReadOnlySpan<byte> reason)
        {
        }
    }
}
