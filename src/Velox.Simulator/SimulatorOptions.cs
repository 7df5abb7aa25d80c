using Velox.Simulator.Faults;
using Velox.Simulator.Market;
using Velox.Simulator.Matching;

namespace Velox.Simulator;

/// <summary>Settings of the embedded Bitfinex exchange; every connection follows them.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Seed of the market and id streams; connection n uses Seed + n.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Instruments served.</summary>
    public IReadOnlyList<SimInstrumentSpec> Instruments { get; init; } = SimInstrumentSpec.Defaults;

    /// <summary>Market events per second per connection (each gives one or a few frames); 0 = unthrottled.</summary>
    public int EventsPerSecond { get; init; } = 200;

    /// <summary>Events generated per poll when unthrottled.</summary>
    public int UnthrottledBatch { get; init; } = 64;

    /// <summary>A channel idle this long gets [chanId,"hb"] (Bitfinex: 15 s).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>With OB_CHECKSUM, a "cs" frame follows every N-th book update of a channel (the venue: every update).</summary>
    public int ChecksumEvery { get; init; } = 1;

    /// <summary>Delay range of a trade's "tu" after its "te", in ms.</summary>
    public int TradeUpdateMinDelayMillis { get; init; } = 25;

    /// <inheritdoc cref="TradeUpdateMinDelayMillis"/>
    public int TradeUpdateMaxDelayMillis { get; init; } = 40;

    /// <summary>Exchange time (Unix ms) at the connection's start; MTS fields count from here.</summary>
    public long EpochMillis { get; init; } = 1_700_000_000_000;

    /// <summary>Faults injected into every connection.</summary>
    public FaultSchedule Faults { get; init; } = FaultSchedule.None;

    /// <summary>API keys that may log in (channel 0 order entry), with their starting wallets.</summary>
    public IReadOnlyList<SimAccount> Accounts { get; init; } = [SimAccount.Demo];

    /// <summary>Maker/taker fees of the matching engine.</summary>
    public FeeSchedule Fees { get; init; } = FeeSchedule.Default;

    /// <summary>
    /// True: every connection of a simulator sees one market (seeded with <see cref="Seed"/>, clocked from the first
    /// connection, advanced by whichever connection with channels polls), so orders sent on one connection trade against the book
    /// another connection shows. False (default): each connection has its own market (seed + connection index).
    /// </summary>
    public bool SharedMarket { get; init; }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(EventsPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(UnthrottledBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ChecksumEvery, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(HeartbeatInterval, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfNegative(TradeUpdateMinDelayMillis);
        ArgumentOutOfRangeException.ThrowIfLessThan(TradeUpdateMaxDelayMillis, TradeUpdateMinDelayMillis);
        ArgumentOutOfRangeException.ThrowIfZero(Instruments.Count);
        if (Accounts.Select(a => a.ApiKey).Distinct(StringComparer.Ordinal).Count() != Accounts.Count)
        {
            throw new ArgumentException("every account needs its own API key", nameof(Accounts));
        }
    }
}
