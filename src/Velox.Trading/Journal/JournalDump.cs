using System.Globalization;
using Velox.Trading.Oms;
using Velox.Trading.Risk;

namespace Velox.Trading.Journal;

/// <summary>
/// <c>velox journal dump &lt;file&gt;</c>: the journal as text, one line per record. Exit 0 at a clean end,
/// 1 when it stops at a torn or corrupt record (the error is printed), 2 for bad arguments or an unreadable file.
/// </summary>
public static class JournalDump
{
    private const int Ok = 0;
    private const int Findings = 1;
    private const int Usage = 2;

    /// <summary>Entry point; <paramref name="args"/> are the arguments after "journal dump".</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Entry point writing to the given streams (tests).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length != 1 || args[0] is "-h" or "--help")
        {
            error.WriteLine("usage: velox journal dump <file>");
            return Usage;
        }

        try
        {
            using var reader = JournalReader.Open(args[0]);
            if (reader.HeaderStatus != JournalReadStatus.Record)
            {
                error.WriteLine($"velox journal dump: {args[0]}: {reader.Error}");
                return Usage;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# journal {args[0]} created {Time(reader.CreatedEpochNanos)}"));
            JournalReadStatus status;
            var entries = new List<JournalEntry>();
            while ((status = reader.TryRead(out var entry)) == JournalReadStatus.Record)
            {
                output.WriteLine(Format(entry));
                entries.Add(entry);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {reader.RecordsRead} records"));
            WriteReplay(entries, output);
            if (status != JournalReadStatus.End)
            {
                error.WriteLine($"velox journal dump: {reader.Error}");
                return Findings;
            }

            return Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"velox journal dump: {e.Message}");
            return Usage;
        }
    }

    /// <summary>One record as a line of text.</summary>
    public static string Format(in JournalEntry e)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{e.Sequence,8} {Time(e.WallNanos)} mono={e.MonotonicNanos} {e.Type,-10}");
        return e.Type switch
        {
            JournalRecordType.NewOrder => string.Create(CultureInfo.InvariantCulture, $"{head} clid={e.ClientOrderId} inst={e.Instrument.Value} {e.Side} {e.OrderType} {e.TimeInForce} flags={e.Flags} px={e.Price.Raw} qty={e.Quantity.Raw}"),
            JournalRecordType.RiskReject => string.Create(CultureInfo.InvariantCulture, $"{head} reason={(RiskRejectReason)e.Code} inst={e.Instrument.Value} {e.Side} {e.OrderType} {e.TimeInForce} px={e.Price.Raw} qty={e.Quantity.Raw}"),
            JournalRecordType.Cancel => string.Create(CultureInfo.InvariantCulture, $"{head} clid={e.ClientOrderId} status={(CommandStatus)e.Code}"),
            JournalRecordType.Amend => string.Create(CultureInfo.InvariantCulture, $"{head} clid={e.ClientOrderId} status={(CommandStatus)e.Code} px={e.Price.Raw} qty={e.Quantity.Raw}"),
            JournalRecordType.CancelAll => string.Create(CultureInfo.InvariantCulture, $"{head} inst={(e.Instrument.IsNone ? "all" : e.Instrument.Value.ToString(CultureInfo.InvariantCulture))} orders={e.Quantity.Raw}"),
            JournalRecordType.OpeningPosition => string.Create(CultureInfo.InvariantCulture, $"{head} inst={e.Instrument.Value} qty={e.Quantity.Raw} px={e.Price.Raw}"),
            JournalRecordType.EarlierOrderCancelled => string.Create(CultureInfo.InvariantCulture, $"{head} inst={e.Instrument.Value} venue-id={e.VenueOrderId}"),
            JournalRecordType.Report => string.Create(CultureInfo.InvariantCulture, $"{head} {e.ExecType} clid={e.ClientOrderId} {CodeText(e)} inst={e.Instrument.Value} venue-id={e.VenueOrderId} fill={e.FillId} px={e.Price.Raw} qty={e.Quantity.Raw} fee={e.Fee} {e.Liquidity}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{head} code={e.Code}"),
        };
    }

    /// <summary>The positions a replay of the records gives (<see cref="JournalReplay"/>), one line per instrument that has one.</summary>
    private static void WriteReplay(List<JournalEntry> entries, TextWriter output)
    {
        var instruments = 0;
        foreach (var e in entries)
        {
            if (e.Type is JournalRecordType.OpeningPosition or JournalRecordType.Report && !e.Instrument.IsNone)
            {
                instruments = Math.Max(instruments, e.Instrument.Value + 1);
            }
        }

        var replay = new JournalReplay(JournalReplay.UnnamedPositions(instruments));
        foreach (var e in entries)
        {
            replay.Apply(e);
        }

        for (var i = 0; i < instruments; i++)
        {
            ref readonly var p = ref replay.Positions[new Core.Instruments.InstrumentId((ushort)i)];
            if (p.Fills > 0 || p.Quantity.Raw != 0)
            {
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"# replay inst={i} position={p.Quantity.Raw} cost-basis={p.CostBasis} realized={p.RealizedPnl} fees={p.Fees} fills={p.Fills}"));
            }
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"# replay: {replay.OpeningPositions} opening position(s), {replay.Fills} fills, {replay.EarlierOrdersCancelled} earlier-run order(s) cancelled, {replay.Unmatched} unmatched (raw units: size scale, price × size scale, fees 1e-8)"));
    }

    private static string CodeText(in JournalEntry e) =>
        e.ExecType is ExecType.Reject or ExecType.CancelReject or ExecType.ReplaceReject
            ? string.Create(CultureInfo.InvariantCulture, $"venue-code={e.Code}")
            : $"outcome={(ReportOutcome)e.Code}";

    private static string Time(long epochNanos) =>
        DateTime.UnixEpoch.AddTicks(epochNanos / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
