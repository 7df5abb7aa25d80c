using System.Diagnostics;
using Velox.Core.Instruments;
using Velox.PeerBench.Corpus;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Session;

namespace Velox.PeerBench.Replay;

/// <summary>
/// Feeds a corpus through <see cref="BitfinexMarketDataSession"/> in-process, exactly as
/// replay-check does: a fresh session per pass (it learns channels from the "subscribed" events),
/// one untimed warm-up pass, then whole passes until the time budget is spent.
/// </summary>
public static class VeloxReplay
{
    public static ThroughputResult Run(FrameCorpus corpus, TimeSpan budget)
    {
        RunPass(corpus, corpus.Count);
        long frames = 0;
        var passes = 0;
        long verified = 0;
        long mismatches = 0;
        long errors = 0;
        BitfinexMarketDataSession? last = null;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        do
        {
            last = RunPass(corpus, corpus.Count);
            frames += corpus.Count;
            passes++;
            verified += last.Stats.ChecksumsVerified;
            mismatches += last.Stats.ChecksumMismatches;
            errors += last.Stats.Errors;
        }
        while (watch.Elapsed < budget);

        watch.Stop();
        return new ThroughputResult
        {
            Pipeline = "velox",
            Scenario = corpus.Name,
            Frames = frames,
            Seconds = watch.Elapsed.TotalSeconds,
            Passes = passes,
            AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore,
            ChecksumsVerified = verified,
            ChecksumMismatches = mismatches,
            Errors = errors,
            Tops = TopOfBook.Of(last),
            Notes = "BitfinexMarketDataSession.ProcessFrame in-process; allocation includes one session (books, tables) per pass",
        };
    }

    /// <summary>One pass over the first <paramref name="frames"/> frames with a fresh session.</summary>
    public static BitfinexMarketDataSession RunPass(FrameCorpus corpus, int frames)
    {
        var session = new BitfinexMarketDataSession(new InstrumentRegistry(), new BitfinexSessionOptions { ConfFlags = BitfinexConfFlags.None });
        var receiveNanos = 0L;
        for (var i = 0; i < frames; i++)
        {
            session.ProcessFrame(corpus[i], receiveNanos++);
            if (session.PendingRequests != SessionRequest.None)
            {
                session.TakeRequests();
            }

            while (session.Outbound.TryPeek(out _))
            {
                session.Outbound.Advance();
            }
        }

        return session;
    }
}
