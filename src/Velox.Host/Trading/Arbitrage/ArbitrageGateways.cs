using Velox.Core.Instruments;
using Velox.Strategies.Execution;
using Velox.Trading.Orders;
using Velox.Venues.Binance.Trading;

namespace Velox.Host.Trading.Arbitrage;

/// <summary>
/// The two venues' order gateways as one <see cref="IOrderGateway"/>: orders and cancels go to the gateway of
/// their instrument's venue (Bitfinex through <see cref="PaperOrderGateway"/>, Binance through its WebSocket
/// API gateway); a cancel-all goes to both. Nothing is sent before both gateways are ready (logged in and
/// subscribed to their order streams), so a leg never goes out while the other could not.
/// </summary>
public sealed class ArbitrageGateways : IOrderGateway
{
    private readonly PaperOrderGateway _bitfinex;
    private readonly BinanceOrderGateway _binance;
    private readonly InstrumentId _binanceInstrument;
    private readonly Func<bool> _bitfinexReady;

    public ArbitrageGateways(PaperOrderGateway bitfinex, Func<bool> bitfinexReady, BinanceOrderGateway binance, InstrumentId binanceInstrument, bool binanceLoopback)
    {
        ArgumentNullException.ThrowIfNull(bitfinex);
        ArgumentNullException.ThrowIfNull(bitfinexReady);
        ArgumentNullException.ThrowIfNull(binance);
        _bitfinex = bitfinex;
        _bitfinexReady = bitfinexReady;
        _binance = binance;
        _binanceInstrument = binanceInstrument;
        IsLoopback = bitfinex.IsLoopback && binanceLoopback;
    }

    public bool IsLoopback { get; }

    public bool HasCredentials => true;

    /// <summary>True when both venues take orders.</summary>
    public bool Ready => _bitfinexReady() && _binance.State == BinanceGatewayState.Ready;

    public bool TrySendNew(long clientOrderId, in OrderRequest order) =>
        Ready && (order.Instrument == _binanceInstrument ? _binance.TrySendNew(clientOrderId, order) : _bitfinex.TrySendNew(clientOrderId, order));

    public bool TrySendCancel(long clientOrderId, InstrumentId instrument) =>
        instrument == _binanceInstrument ? _binance.TrySendCancel(clientOrderId, instrument) : _bitfinex.TrySendCancel(clientOrderId, instrument);

    public bool TrySendCancelAll(InstrumentId instrument)
    {
        var binance = (!instrument.IsNone && instrument != _binanceInstrument) || _binance.TrySendCancelAll(instrument);
        var bitfinex = instrument == _binanceInstrument || _bitfinex.TrySendCancelAll(instrument);
        return binance && bitfinex;
    }
}
