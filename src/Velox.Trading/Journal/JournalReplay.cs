using System.Globalization;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.Trading.Oms;
using Velox.Trading.Positions;

namespace Velox.Trading.Journal;

/// <summary>
/// Rebuilds positions and PnL from a journal with the run's own arithmetic (<see cref="PositionBook"/>): the opening
/// positions startup reconciliation booked (<see cref="JournalRecordType.OpeningPosition"/>), then every fill the OMS
/// applied (report records of exec type Fill with outcome Applied), each on the side of its order's NewOrder record.
/// A complete journal of a run therefore gives that run's positions, realized PnL and fees exactly. Cold path
/// (offline tools and tests).
/// </summary>
public sealed class JournalReplay
{
    private readonly Dictionary<long, Side> _sides = [];

    /// <summary>Replays into <paramref name="positions"/> (a fresh book over the run's instruments).</summary>
    public JournalReplay(PositionBook positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        Positions = positions;
    }

    /// <summary>The positions rebuilt so far.</summary>
    public PositionBook Positions { get; }

    /// <summary>Fills applied.</summary>
    public long Fills { get; private set; }

    /// <summary>Opening positions applied.</summary>
    public long OpeningPositions { get; private set; }

    /// <summary>Orders of an earlier run that startup cancelled.</summary>
    public long EarlierOrdersCancelled { get; private set; }

    /// <summary>Applied fills of an order without a NewOrder record, or on an instrument the book does not have (not applied).</summary>
    public long Unmatched { get; private set; }

    /// <summary>Replays every record of <paramref name="reader"/>; returns how the reading ended (<see cref="JournalReadStatus.End"/> when clean).</summary>
    public JournalReadStatus Run(JournalReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        JournalReadStatus status;
        while ((status = reader.TryRead(out var entry)) == JournalReadStatus.Record)
        {
            Apply(entry);
        }

        return status;
    }

    /// <summary>Applies one record.</summary>
    public void Apply(in JournalEntry entry)
    {
        switch (entry.Type)
        {
            case JournalRecordType.NewOrder:
                _sides[entry.ClientOrderId] = entry.Side;
                break;
            case JournalRecordType.OpeningPosition when entry.Instrument.Value < Positions.Count:
                if (Positions.TryOpen(entry.Instrument, entry.Quantity, entry.Price))
                {
                    OpeningPositions++;
                }

                break;
            case JournalRecordType.EarlierOrderCancelled:
                EarlierOrdersCancelled++;
                break;
            case JournalRecordType.Report when entry.ExecType == ExecType.Fill && (ReportOutcome)entry.Code == ReportOutcome.Applied:
                if (entry.Instrument.Value >= Positions.Count || !_sides.TryGetValue(entry.ClientOrderId, out var side))
                {
                    Unmatched++;
                    break;
                }

                Positions.ApplyFill(entry.Instrument, side, entry.Price, entry.Quantity, entry.Fee);
                Fills++;
                break;
        }
    }

    /// <summary>
    /// A position book for instrument ids 0 .. <paramref name="count"/>-1 when the instruments themselves are unknown
    /// (<c>velox journal dump</c>): quantities, cost basis and realized PnL come out raw, exactly as the run kept them.
    /// </summary>
    public static PositionBook UnnamedPositions(int count)
    {
        var registry = new InstrumentRegistry();
        for (var i = 0; i < count; i++)
        {
            registry.Add("journal", i.ToString(CultureInfo.InvariantCulture), 0, 0);
        }

        return new PositionBook(registry);
    }
}
