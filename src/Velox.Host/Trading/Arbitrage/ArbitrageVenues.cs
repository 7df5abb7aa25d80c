using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Host.Config;
using Velox.MarketData.Rest;
using Velox.Simulator;
using Velox.Simulator.Hosting;
using Velox.Simulator.Market;
using Velox.Simulator.Matching;
using Velox.Simulator.Venues;
using Velox.Simulator.Venues.Binance;
using Velox.Strategies;
using Velox.Strategies.Arbitrage;
using Velox.Trading;
using Velox.Trading.Journal;
using Velox.Trading.Risk;
using Velox.Venues.Binance;
using Velox.Venues.Binance.Requests;
using Velox.Venues.Binance.Session;
using Velox.Venues.Binance.Trading;
using Velox.Venues.Bitfinex;
using TradingCredentials = Velox.Trading.Credentials.VenueCredentials;

namespace Velox.Host.Trading.Arbitrage;

/// <summary>
/// The cross-venue arbitrage's market, shared by the single-process run (<see cref="ArbitrageRun"/>) and the multi
/// topology (md, engine and the two og's): tBTCUSD on the embedded Bitfinex against BTCUSDT on the simulated Binance
/// (whose book jumps away from its mid and back now and then, seeded), both at 8 decimals; one instrument registry
/// (Bitfinex first, id 0; Binance id 1) so an instrument id names the same instrument in every process; the strategy,
/// risk and breaker settings read from the configuration; and the Binance order gateway on the WebSocket API.
/// </summary>
public static class ArbitrageVenues
{
    /// <summary>The Bitfinex instrument (USD is taken as equal to USDT).</summary>
    public const string BitfinexSymbol = "tBTCUSD";

    /// <summary>The Binance instrument.</summary>
    public const string BinanceSymbol = "BTCUSDT";

    /// <summary>Shortest book age limit the arbitrage uses: the Binance diff stream publishes every 100 ms.</summary>
    public const int MinDataAgeMillis = 300;

    /// <summary>Leg size when strategy.arb.size is not set: 0.01 BTC.</summary>
    public const long DefaultSizeRaw = 1_000_000;

    /// <summary>Decimals of both instruments' prices and sizes (the strategy needs them equal).</summary>
    public const int Scale = 8;

    private const int BinanceTakerFeeBps = 10;

    /// <summary>
    /// The simulated Bitfinex instrument: $1 ticks around 60,000 at 8 decimals, its book kept around the mid
    /// (<see cref="SimInstrumentSpec.AnchoredInserts"/>: without it the touch drifts apart by ~$250 a second per
    /// side and every market unwind fills hundreds to thousands of dollars from the leg it unwinds).
    /// </summary>
    public static SimInstrumentSpec BitfinexSpec { get; } = SimInstrumentSpec.BtcUsd with
    {
        PriceScale = Scale,
        TickRaw = 1_00000000,
        InitialMidRaw = 60_000_00000000,
        MinMidRaw = 20_000_00000000,
        MaxMidRaw = 99_000_00000000,
        AnchoredInserts = true,
    };

    /// <summary>The simulated Binance instrument, its book kept around the mid as Bitfinex's.</summary>
    public static SimInstrumentSpec BinanceSpec { get; } = VenueInstruments.Btc(BinanceSymbol) with { AnchoredInserts = true };

    /// <summary>The registry every process builds: tBTCUSD at Bitfinex (id 0), then BTCUSDT at Binance (id 1).</summary>
    public static InstrumentRegistry CreateRegistry(out Instrument bitfinex, out Instrument binance)
    {
        var registry = new InstrumentRegistry();
        bitfinex = registry.Add(BitfinexVenue.Name, BitfinexSymbol, Scale, Scale);
        binance = registry.Add(BinanceVenue.SpotName, BinanceSymbol, Scale, Scale);
        return registry;
    }

    /// <summary>The strategy parameters, risk limits and breakers from <paramref name="config"/>; false with a message.</summary>
    public static bool TrySettings(VeloxConfig config, Instrument bitfinex, Instrument binance, out ArbitrageSettings? settings, out string error)
    {
        ArgumentNullException.ThrowIfNull(config);
        settings = null;
        var arb = config.Strategy.Arb;
        if (!arb.Size.TryToRaw(Scale, out var size) || size < 0)
        {
            error = $"strategy.arb.size = {arb.Size} does not fit {Scale} decimals";
            return false;
        }

        if (!TradingSettings.TryRisk(config.Risk, bitfinex, out var configured, out error) ||
            !TradingSettings.TryBreakers(config.Risk, out var breakers, out error))
        {
            return false;
        }

        var dataAgeMillis = Math.Max(MinDataAgeMillis, Math.Max(arb.MaxDataAgeMillis, config.Risk.StaleDataMillis));
        var risk = new RiskOptions
        {
            DefaultLimits = configured.DefaultLimits,
            VenueOrdersPerSecond = configured.VenueOrdersPerSecond,
            VenueOrderBurst = configured.VenueOrderBurst,
            MaxMarketDataAgeNanos = dataAgeMillis * 1_000_000L,
        };
        try
        {
            var parameters = new ArbitrageParameters
            {
                InstrumentA = bitfinex.Id,
                InstrumentB = binance.Id,
                TakerFeeA = BasisPoints.FromWhole(FeeSchedule.Default.TakerBps),
                TakerFeeB = BasisPoints.FromWhole(BinanceTakerFeeBps),
                MinMargin = BasisPoints.FromWhole(arb.MinProfitMarginBps),
                SlippageTolerance = BasisPoints.FromWhole(arb.SlippageBps),
                TickSizeA = new Price(BitfinexSpec.TickRaw),
                TickSizeB = new Price(BinanceSpec.TickRaw),
                MaxQuantity = new Quantity(size > 0 ? size : DefaultSizeRaw),
                MinQuantity = new Quantity(20_000),
                LotSizeA = new Quantity(1),
                LotSizeB = new Quantity((long)FixedPoint.Pow10(BinanceSpec.SizeScale - BinanceSpec.SizeDecimals)),
                MaxDataAgeNanos = dataAgeMillis * 1_000_000L,
            };
            parameters.Validate();
            settings = new ArbitrageSettings(parameters, risk, breakers);
            return true;
        }
        catch (ArgumentException e)
        {
            error = $"strategy.arb: {e.Message}";
            return false;
        }
    }

    /// <summary>
    /// The embedded Bitfinex with the demo account, trading <see cref="BitfinexSpec"/> (not started); with
    /// <paramref name="sharedMarket"/> all its connections see one market (md reads it on one, og trades it on another).
    /// </summary>
    public static BitfinexSimulatorServer CreateBitfinex(int seed, int eventsPerSecond, long epochMillis, int port, bool sharedMarket = false) => new(
        new SimulatorOptions { Seed = seed, EventsPerSecond = eventsPerSecond, EpochMillis = epochMillis, Instruments = [BitfinexSpec], Fees = FeeSchedule.Default, SharedMarket = sharedMarket },
        port);

    /// <summary>The simulated Binance (seeded from the run's <paramref name="seed"/>) with its book dislocation (not started).</summary>
    public static VenueSimulatorServer CreateBinance(int seed, int eventsPerSecond, long epochMillis)
    {
        var server = VenueSimulatorServer.Binance(unchecked(seed + 1), eventsPerSecond, [BinanceSpec], epochMillis: epochMillis);
        server.Exchange.Dislocation = new BookDislocation(0, BinanceSpec.InitialMidRaw, BinanceSpec.TickRaw, unchecked(seed + 2));
        return server;
    }

    /// <summary>The Binance diff stream endpoint of <paramref name="server"/>.</summary>
    public static Uri MarketDataUrl(VenueSimulatorServer server) => new(server.BaseUrl, "/ws");

    /// <summary>The Binance WebSocket API endpoint of <paramref name="server"/>.</summary>
    public static Uri OrderEntryUrl(VenueSimulatorServer server) => new(server.BaseUrl, BinanceApiConnection.Path);

    /// <summary>The Binance market-data session subscribed to <see cref="BinanceSymbol"/>'s depth and trades.</summary>
    public static BinanceMarketDataSession CreateBinanceSession(InstrumentRegistry registry, out BinanceSymbol symbol)
    {
        // The simulated book is a few hundred levels deep, all inside the REST snapshot, and a dislocation moves all of
        // them in one diff: keep the levels the diff puts beyond the snapshot's old range instead of resyncing.
        var session = new BinanceMarketDataSession(registry, new BinanceSessionOptions { KeepLevelsBeyondSnapshot = true });
        symbol = session.Subscribe(BinanceSymbol, BinanceStreams.Depth | BinanceStreams.Trade);
        return session;
    }

    /// <summary>The REST depth snapshot client of the Binance session.</summary>
    public static HttpSnapshotClient CreateSnapshots(Uri restBase) =>
        new(new SnapshotClientOptions { BaseAddress = restBase, InitialBackoff = TimeSpan.FromMilliseconds(50) });

    /// <summary>
    /// The Binance order gateway over <paramref name="engine"/> with the simulator's demo credentials, its exchangeInfo
    /// filters loaded from <paramref name="restBase"/>, connected to the WebSocket API at <paramref name="api"/> (blocking).
    /// </summary>
    public static BinanceOrderGateway ConnectBinanceGateway(TradingEngine engine, InstrumentRegistry registry, IWallClock wall, Uri restBase, Uri api)
    {
        var gateway = new BinanceOrderGateway(engine, registry, new TradingCredentials(BinanceOrderEntry.Demo.ApiKey, BinanceOrderEntry.Demo.ApiSecret), wall);
        try
        {
            gateway.LoadFilters(BinanceExchangeInfo.Load(FetchExchangeInfo(restBase), registry));
            gateway.Connect(api);
            return gateway;
        }
        catch
        {
            gateway.Dispose();
            throw;
        }
    }

    private static string FetchExchangeInfo(Uri restBase)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return http.GetStringAsync(new Uri(restBase, "api/v3/exchangeInfo")).GetAwaiter().GetResult();
    }
}

/// <summary>The arbitrage's strategy parameters, risk limits and breakers, as read from the configuration.</summary>
public sealed record ArbitrageSettings(ArbitrageParameters Parameters, RiskOptions Risk, BreakerOptions Breakers);
