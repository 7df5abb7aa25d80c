using Velox.Simulator.Bitfinex;

namespace Velox.Simulator;

/// <summary>
/// The embedded Bitfinex exchange without a transport: hands out one session per client
/// connection, numbered in connect order so each gets its own reproducible market (seed + n).
/// </summary>
public sealed class BitfinexSimulator
{
    private int _connections;

    /// <summary>Validates <paramref name="options"/> and keeps them for every connection.</summary>
    public BitfinexSimulator(SimulatorOptions options)
    {
        options.Validate();
        Options = options;
    }

    /// <summary>The settings every connection follows.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>Connections opened so far.</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    /// <summary>Creates the session of the next connection (thread-safe).</summary>
    public BitfinexSession Connect(IFrameSink sink, long startNanos)
    {
        var index = Interlocked.Increment(ref _connections) - 1;
        return new BitfinexSession(Options, sink, index, startNanos);
    }
}
