using Velox.Archive.Catalog;
using Velox.Archive.Replay;
using Velox.Host.Cli;
using Velox.MarketData.Events;
using Velox.Venues.Bitfinex.Replay;

namespace Velox.Host.Archive;

/// <summary>
/// velox archive replay --check bitfinex: a raw inbound frames recording through a Bitfinex session configured
/// as <c>velox replay-check</c> configures it, printing the same report. Exit 1 on findings or a damaged recording.
/// One difference: every connection start recorded in the stream is counted in <c>connections</c> (the live
/// connector called OnConnected), where a capture's first connect line is not.
/// </summary>
public static class BitfinexRecordingCheck
{
    /// <summary>Checks recording <paramref name="recordingId"/> of the archive in <paramref name="directory"/>.</summary>
    public static int Run(string directory, long recordingId, TextWriter output, TextWriter error)
    {
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

            var session = BitfinexReplayCheck.NewSession();
            var handler = default(NullMarketDataHandler);
            var status = RawFrameSessionReplay.Run(new RecordingReader(catalog.Directory, recording), session, ref handler, out var readError);
            var report = BitfinexReplayCheck.ReportFor(session).ToReplayCheckReport($"archive {catalog.Directory} recording {recordingId}");
            report.WriteText(output);
            if (status == ReadStatus.Error)
            {
                error.WriteLine($"velox archive replay: {readError}; the report covers the frames before it");
                return ExitCodes.Findings;
            }

            return report.HasFindings ? ExitCodes.Findings : ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"velox archive replay: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
