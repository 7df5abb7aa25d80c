using Velox.Archive.Catalog;
using Velox.Archive.Replay;
using Velox.Host.Cli;
using Velox.Host.Topology.Orders;
using Velox.Host.Trading.Arbitrage;
using Velox.MarketData.Events;
using Velox.MarketData.Replay;
using Velox.Venues.Binance;
using Velox.Venues.Binance.Replay;
using Velox.Venues.Bitfinex.Replay;

namespace Velox.Host.Archive;

/// <summary>
/// velox archive replay --check VENUES: a raw inbound frames recording through each venue's session, printing one
/// <c>velox replay-check</c> report per venue. Bitfinex: a session configured as <c>velox replay-check</c> configures
/// it (one difference: every connection start recorded in the stream is counted in <c>connections</c>, where a
/// capture's first connect line is not). Binance: md's session (BTCUSDT, levels beyond the snapshot kept) with the
/// REST depth snapshots md recorded, applied where md applied them. Exit 1 on findings or a damaged recording.
/// </summary>
public static class RecordingCheck
{
    /// <summary>The venues <c>--check</c> accepts.</summary>
    public static readonly string[] Venues = ["bitfinex", "binance"];

    /// <summary>
    /// Parses a <c>--check</c> value: <c>bitfinex</c>, <c>binance</c> or both comma-separated (reported in this order);
    /// false for anything else.
    /// </summary>
    public static bool TryParseVenues(string text, out string[] venues)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        venues = Array.FindAll(Venues, v => Array.IndexOf(names, v) >= 0);
        return names.Length > 0 && names.Length == venues.Length;
    }

    /// <summary>Checks recording <paramref name="recordingId"/> of the archive in <paramref name="directory"/> for each of <paramref name="venues"/>.</summary>
    public static int Run(string directory, long recordingId, IReadOnlyList<string> venues, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(venues);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            using var catalog = ArchiveCatalog.Open(directory);
            if (!catalog.TryGet(recordingId, out var recording, out var catalogError))
            {
                error.WriteLine($"velox archive replay: {catalogError}");
                return ExitCodes.Usage;
            }

            var source = $"archive {catalog.Directory} recording {recordingId}";
            var code = ExitCodes.Ok;
            foreach (var venue in venues)
            {
                var reader = new RecordingReader(catalog.Directory, recording);
                var (report, status, readError) = venue == "binance" ? CheckBinance(reader, source) : CheckBitfinex(reader, source);
                report.WriteText(output);
                if (status == ReadStatus.Error)
                {
                    error.WriteLine($"velox archive replay: {readError}; the {venue} report covers the messages before it");
                    code = ExitCodes.Findings;
                }
                else if (report.HasFindings)
                {
                    code = ExitCodes.Findings;
                }
            }

            return code;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"velox archive replay: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>The Binance report of a recording: md's Binance session fed by <see cref="BinanceRawFrameReplay"/>.</summary>
    public static (ReplayCheckReport Report, ReadStatus Status, string? Error) CheckBinance(RecordingReader reader, string source)
    {
        var registry = TopologyInstruments.Create(withBinance: true, out _);
        var replay = new BinanceReplay(ArbitrageVenues.CreateBinanceSession(registry, out _));
        var status = BinanceRawFrameReplay.Run(reader, replay, out var readError);
        return (replay.Report(BinanceVenue.Name(BinanceMarket.Spot), source), status, readError);
    }

    private static (ReplayCheckReport Report, ReadStatus Status, string? Error) CheckBitfinex(RecordingReader reader, string source)
    {
        var session = BitfinexReplayCheck.NewSession();
        var handler = default(NullMarketDataHandler);
        var status = RawFrameSessionReplay.Run(reader, session, ref handler, out var readError);
        return (BitfinexReplayCheck.ReportFor(session).ToReplayCheckReport(source), status, readError);
    }
}
