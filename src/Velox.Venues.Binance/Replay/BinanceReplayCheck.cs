using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.MarketData.Replay;
using Velox.Venues.Binance.Session;

namespace Velox.Venues.Binance.Replay;

/// <summary>
/// Offline check of Binance captures: every inbound frame goes through the same session (parser,
/// books, id bridge) as live data. REST depth snapshots come inline (hftbacktest) or from a separate
/// REST capture (cryptofeed <c>*.http.*</c>), merged by timestamp; outbound, connect and REST records
/// are counted. Several files replay through one session, so a rotated capture continues the previous
/// one. Backs <c>velox replay-check --venue binance</c>.
/// </summary>
public static class BinanceReplayCheck
{
    /// <summary>Replays one capture (optionally with a separate REST snapshot capture).</summary>
    public static ReplayCheckReport Run(string path, string? snapshotPath = null, BinanceMarket? market = null, bool keepLevelsBeyondSnapshot = false) =>
        Run([path], snapshotPath, market, keepLevelsBeyondSnapshot);

    /// <summary>
    /// Replays captures in order through one session; the market is detected from the first file when
    /// not given. <paramref name="keepLevelsBeyondSnapshot"/> selects the depth policy (see <see cref="BinanceSessionOptions.KeepLevelsBeyondSnapshot"/>).
    /// </summary>
    public static ReplayCheckReport Run(IReadOnlyList<string> paths, string? snapshotPath = null, BinanceMarket? market = null, bool keepLevelsBeyondSnapshot = false, InstrumentRegistry? registry = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(paths.Count);
        var resolved = market ?? DetectMarket(paths[0]);
        var session = new BinanceMarketDataSession(
            registry ?? new InstrumentRegistry(),
            new BinanceSessionOptions { Market = resolved, AddUnknownSymbols = true, KeepLevelsBeyondSnapshot = keepLevelsBeyondSnapshot });
        var run = new BinanceReplay(session, snapshotPath is null ? [] : RecordedRestSnapshot.Load(snapshotPath, "symbol"));
        foreach (var path in paths)
        {
            using var reader = CaptureReader.Open(path);
            run.Feed(reader);
        }

        run.FlushSnapshots(long.MaxValue);
        return run.Report(BinanceVenue.Name(resolved), string.Join(" + ", snapshotPath is null ? paths : [.. paths, snapshotPath]));
    }

    /// <summary>Futures diffs carry <c>pu</c>; spot diffs do not.</summary>
    public static BinanceMarket DetectMarket(string path)
    {
        using var reader = CaptureReader.Open(path);
        for (var i = 0; i < 10_000 && reader.TryRead(out var record); i++)
        {
            var frame = record.Frame.Span;
            if (record.Direction == CaptureDirection.Connect && frame.IndexOf("fstream"u8) >= 0)
            {
                return BinanceMarket.UsdmFutures;
            }

            if (record.Direction == CaptureDirection.Inbound && frame.IndexOf("\"depthUpdate\""u8) >= 0)
            {
                return frame.IndexOf("\"pu\":"u8) >= 0 ? BinanceMarket.UsdmFutures : BinanceMarket.Spot;
            }
        }

        return BinanceMarket.Spot;
    }
}
