using System.Text;
using System.Text.Json;

namespace Velox.MarketData.Replay;

/// <summary>
/// What `velox replay-check` reports for any venue: the common counters every venue fills, the venue's
/// own counters by name, errors by reason and the final books. <see cref="HasFindings"/> decides exit code 1.
/// </summary>
public sealed class ReplayCheckReport
{
    public required string Venue { get; init; }

    public required string Source { get; init; }

    /// <summary>Inbound frames fed to the venue's parser.</summary>
    public long Frames { get; init; }

    /// <summary>Sequence or update-id continuity breaks.</summary>
    public long Gaps { get; init; }

    public long ChecksumsVerified { get; init; }

    public long ChecksumMismatches { get; init; }

    /// <summary>Books that went through resync (gap, mismatch, reconnect…).</summary>
    public long Resyncs { get; init; }

    /// <summary>Frames rejected as malformed or invalid (bad JSON, wrong types, absurd numbers).</summary>
    public long Errors { get; init; }

    /// <summary>Well-formed frames for channels the capture never subscribed (it started mid-session).</summary>
    public long UnknownChannelFrames { get; init; }

    /// <summary>Venue-specific counters (per channel type etc.), in a fixed order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Counters { get; init; } = [];

    /// <summary>Non-zero error counts by reason.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ErrorsByReason { get; init; } = [];

    public IReadOnlyList<ReplayBook> Books { get; init; } = [];

    /// <summary>Gaps, checksum mismatches or malformed frames: the capture or our code disagrees with the venue.</summary>
    public bool HasFindings => Gaps > 0 || ChecksumMismatches > 0 || Errors > 0;

    /// <summary>The report as JSON (snake_case keys; frames, gaps, checksums_verified, … always present).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("venue", Venue);
            w.WriteString("source", Source);
            w.WriteNumber("frames", Frames);
            w.WriteNumber("gaps", Gaps);
            w.WriteNumber("checksums_verified", ChecksumsVerified);
            w.WriteNumber("checksum_mismatches", ChecksumMismatches);
            w.WriteNumber("resyncs", Resyncs);
            w.WriteNumber("errors", Errors);
            w.WriteNumber("unknown_channel_frames", UnknownChannelFrames);
            w.WriteStartObject("counters");
            foreach (var (name, value) in Counters)
            {
                w.WriteNumber(name, value);
            }

            w.WriteEndObject();
            w.WriteStartObject("errors_by_reason");
            foreach (var (name, value) in ErrorsByReason)
            {
                w.WriteNumber(name, value);
            }

            w.WriteEndObject();
            w.WriteStartArray("books");
            foreach (var book in Books)
            {
                w.WriteStartObject();
                w.WriteString("symbol", book.Symbol);
                w.WriteString("channel", book.Channel);
                w.WriteString("state", book.State);
                w.WriteNumber("bid_levels", book.BidLevels);
                w.WriteNumber("ask_levels", book.AskLevels);
                w.WriteString("best_bid", book.BestBid);
                w.WriteString("best_bid_size", book.BestBidSize);
                w.WriteString("best_ask", book.BestAsk);
                w.WriteString("best_ask_size", book.BestAskSize);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Human-readable summary.</summary>
    public void WriteText(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"{Venue} replay-check of {Source}");
        output.WriteLine($"  frames {Frames}, gaps {Gaps}, checksums verified {ChecksumsVerified}, mismatched {ChecksumMismatches}, resyncs {Resyncs}, errors {Errors}, unknown-channel frames {UnknownChannelFrames}");
        if (Counters.Count > 0)
        {
            output.WriteLine("  " + string.Join(", ", Counters.Select(c => $"{c.Key} {c.Value}")));
        }

        foreach (var (reason, count) in ErrorsByReason)
        {
            output.WriteLine($"  error {reason}: {count}");
        }

        foreach (var b in Books)
        {
            output.WriteLine(
                $"  {b.Symbol,-18} {b.Channel,-6} {b.State,-16} bid {b.BestBid ?? "-"} x {b.BestBidSize ?? "-"}  ask {b.BestAsk ?? "-"} x {b.BestAskSize ?? "-"}  ({b.BidLevels}/{b.AskLevels} levels)");
        }

        output.WriteLine(HasFindings ? "  result: FINDINGS (gaps, checksum mismatches or malformed frames)" : "  result: clean");
    }
}
