using Velox.Core.Instruments;
using Velox.Host.Trading.Arbitrage;
using Velox.Simulator;
using Velox.Simulator.Market;
using Velox.Venues.Bitfinex;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The instrument registry every process of the multi topology builds the same way (the simulator's instruments in
/// its order, as md subscribes them), so an instrument id on any stream names the same instrument everywhere. With
/// Binance in the topology (the arbitrage) the set is <see cref="ArbitrageVenues"/>'s: the simulated Bitfinex trades
/// tBTCUSD only, id 0, and BTCUSDT at Binance is id 1.
/// </summary>
public static class TopologyInstruments
{
    public static InstrumentRegistry Create(out IReadOnlyList<SimInstrumentSpec> specs)
    {
        specs = new SimulatorOptions().Instruments;
        var registry = new InstrumentRegistry();
        foreach (var spec in specs)
        {
            registry.Add(BitfinexVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
        }

        return registry;
    }

    /// <summary>The registry of a topology with or without Binance; <paramref name="bitfinexSpecs"/> are what the Bitfinex simulator serves, in id order.</summary>
    public static InstrumentRegistry Create(bool withBinance, out IReadOnlyList<SimInstrumentSpec> bitfinexSpecs)
    {
        if (!withBinance)
        {
            return Create(out bitfinexSpecs);
        }

        bitfinexSpecs = [ArbitrageVenues.BitfinexSpec];
        return ArbitrageVenues.CreateRegistry(out _, out _);
    }

    /// <summary>
    /// A <c>--venues</c> value (md, og): <c>bitfinex</c>, or <c>bitfinex,binance</c> in either order (the arbitrage);
    /// false for anything else.
    /// </summary>
    public static bool TryParseVenues(string text, out bool withBinance)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
        withBinance = names is ["binance", BitfinexVenue.Name];
        return withBinance || names is [BitfinexVenue.Name];
    }

    /// <summary>"tBTCUSD" → (BTC, USD); "tTESTBTC:TESTUSD" → (TESTBTC, TESTUSD).</summary>
    public static (string Base, string Quote) Currencies(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var s = symbol.StartsWith('t') ? symbol[1..] : symbol;
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? (s[..colon], s[(colon + 1)..]) : (s[..Math.Min(3, s.Length)], s[Math.Min(3, s.Length)..]);
    }
}
