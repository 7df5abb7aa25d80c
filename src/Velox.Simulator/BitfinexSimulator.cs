using Velox.Simulator.Bitfinex;
using Velox.Simulator.Matching;

namespace Velox.Simulator;

/// <summary>
/// The embedded Bitfinex exchange without a transport: hands out one session per client
/// connection, numbered in connect order so each gets its own reproducible market (seed + n), or with
/// <see cref="SimulatorOptions.SharedMarket"/> one <see cref="SharedBitfinexMarket"/> for all of them.
/// Accounts, wallets and orders live in one <see cref="MatchingEngine"/> shared by all connections.
/// </summary>
public sealed class BitfinexSimulator
{
    private int _connections;

    /// <summary>Validates <paramref name="options"/> and keeps them for every connection.</summary>
    public BitfinexSimulator(SimulatorOptions options)
    {
        options.Validate();
        Options = options;
        Engine = new MatchingEngine(options.Instruments, options.Accounts, options.Fees, options.Seed);
        SharedMarket = options.SharedMarket ? new SharedBitfinexMarket(options, Engine) : null;
    }

    /// <summary>The market every connection sees, with <see cref="SimulatorOptions.SharedMarket"/>; otherwise null.</summary>
    public SharedBitfinexMarket? SharedMarket { get; }

    /// <summary>The accounts, wallets and resting orders every connection of this simulator shares.</summary>
    public MatchingEngine Engine { get; }

    /// <summary>The settings every connection follows.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>Connections opened so far.</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    /// <summary>Creates the session of the next connection (thread-safe).</summary>
    public BitfinexSession Connect(IFrameSink sink, long startNanos)
    {
        var index = Interlocked.Increment(ref _connections) - 1;
        return new BitfinexSession(Options, sink, index, startNanos, Engine, SharedMarket);
    }
}
