using System.Globalization;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Venues.Bitfinex.Trading.Parsing;

namespace Velox.Venues.Bitfinex.Trading;

/// <summary>
/// Reconciliation over REST after a (re)auth. Bitfinex does not replay te/tu after a reconnect, and the <c>os</c> snapshot
/// lists open orders only: an order filled while the connection was down is simply missing from it, and one filled in part
/// shows less AMOUNT than the OMS expects. For those orders the gateway asks the authenticated REST API (when
/// <see cref="BitfinexGatewayOptions.RestBaseUri"/> is set) on a background task, so the connector's thread never blocks:
/// <c>orders/{symbol}/hist</c> for the missing ones (by id, or by cid when the ack never came) and <c>order/{symbol}:{id}/trades</c>
/// for every order that traded. The answers are applied on the connector's thread in <see cref="Poll"/>: each trade as a fill
/// (fill id = trade id, so a te/tu of the same trade arriving later is a duplicate the OMS drops), then the close the venue
/// reports. Until then the state stays <see cref="BitfinexGatewayState.Reconciling"/>. When REST fails or times out
/// (<see cref="BitfinexGatewayOptions.RestTimeout"/>) the missing orders are closed as without REST (cancel ack, or reject
/// <see cref="BitfinexRejectCode.LostOnReconnect"/> if never acked), counted in <see cref="ReconcileFailures"/> and
/// <see cref="UnverifiedCloses"/>. Allocates, but only on this rare path.
/// </summary>
public sealed partial class BitfinexOrderGateway
{
    /// <summary>Orders history asked for by cid (orders never acked) looks this far back (the venue's maximum).</summary>
    private const int HistoryLimitByCid = 2500;

    private BitfinexRestClient? _rest;
    private Reconciliation? _reconciliation;

    /// <summary>REST reconciliations that completed (the venue answered for every order asked about).</summary>
    public long Reconciliations { get; private set; }

    /// <summary>REST reconciliations that failed or timed out: their orders were closed as without REST.</summary>
    public long ReconcileFailures { get; private set; }

    /// <summary>Fills booked from the REST trades of an order (traded while the connection was down).</summary>
    public long ReconciledFills { get; private set; }

    /// <summary>
    /// Orders missing from the <c>os</c> snapshot that were closed without the venue's word on how (no REST configured,
    /// REST failed, or not in the orders history): fills they may have had are not booked.
    /// </summary>
    public long UnverifiedCloses { get; private set; }

    /// <summary>Why the last REST reconciliation failed; null when none failed.</summary>
    public string? LastReconcileError { get; private set; }

    /// <summary>One line on reconciliations after reconnects for a status or summary; null when there was nothing to reconcile.</summary>
    public string? ReconciliationSummary() => Reconciliations + ReconcileFailures + UnverifiedCloses == 0
        ? null
        : string.Create(
            CultureInfo.InvariantCulture,
            $"order reconciliation after reconnects: {Reconciliations} over REST ({ReconciledFills} fills booked), {ReconcileFailures} failed, {UnverifiedCloses} orders closed unverified{(LastReconcileError is { } error ? $" (last failure: {error})" : string.Empty)}");

    /// <summary>True while a REST reconciliation is outstanding.</summary>
    public bool ReconciliationPending => _reconciliation is not null;

    /// <summary>
    /// The connector's turn (also part of <see cref="DoWork"/>): applies a finished REST reconciliation. Returns work done;
    /// allocation-free when there is nothing to apply.
    /// </summary>
    public int Poll()
    {
        var reconciliation = _reconciliation;
        if (reconciliation is null || !reconciliation.Work.IsCompleted)
        {
            return 0;
        }

        _reconciliation = null;
        reconciliation.Timeout.Dispose();
        var error = reconciliation.Work.IsCompletedSuccessfully ? reconciliation.Work.Result : reconciliation.Work.Exception?.GetBaseException().Message ?? "cancelled";
        if (error is not null)
        {
            ReconcileFailures++;
            LastReconcileError = $"Bitfinex REST reconciliation failed: {error}";
            foreach (var item in reconciliation.Items)
            {
                if (item.Missing && _engine.Orders.TryFind(item.ClientOrderId, out var slot) && !OrderTransitions.IsTerminal(_engine.Orders[slot].State))
                {
                    CloseUnverified(slot);
                }
            }
        }
        else
        {
            Reconciliations++;
            foreach (var item in reconciliation.Items)
            {
                Apply(item);
            }
        }

        if (State == BitfinexGatewayState.Reconciling)
        {
            State = BitfinexGatewayState.Ready;
        }

        return 1;
    }

    /// <summary>Closes an order the venue no longer lists, without knowing how it ended (the behaviour without REST).</summary>
    private void CloseUnverified(int slot)
    {
        ref readonly var order = ref _engine.Orders[slot];
        UnverifiedCloses++;
        Report(order.State == OrderState.PendingNew
            ? ExecutionReport.Reject(order.ClientOrderId, (ushort)BitfinexRejectCode.LostOnReconnect)
            : ExecutionReport.CancelAck(order.ClientOrderId));
    }

    /// <summary>An order to ask the REST API about: <paramref name="missing"/> from os, or there with less left than the OMS expects.</summary>
    private ReconcileItem NewItem(int slot, bool missing)
    {
        ref readonly var order = ref _engine.Orders[slot];
        return new ReconcileItem(order.ClientOrderId, order.VenueOrderId, BitfinexClientIds.ToCid(order.ClientOrderId), _registry[order.Instrument].Symbol, missing);
    }

    /// <summary>Starts the REST calls for <paramref name="items"/> on a background task; the state stays Reconciling until <see cref="Poll"/> applies them.</summary>
    private void StartReconciliation(List<ReconcileItem> items)
    {
        AbandonReconciliation();
        _rest ??= new BitfinexRestClient(new HttpClient(), _options.RestBaseUri!, _credentials, _nonce);
        var timeout = new CancellationTokenSource(_options.RestTimeout);
        var array = items.ToArray();
        var rest = _rest;
        _reconciliation = new Reconciliation(array, timeout, Task.Run(() => FetchAsync(rest, array, timeout.Token)));
    }

    /// <summary>The connection dropped (or a new snapshot came): answers still on their way are for the old connection.</summary>
    private void AbandonReconciliation()
    {
        if (_reconciliation is { } old)
        {
            _reconciliation = null;
            old.Timeout.Cancel();
        }
    }

    /// <summary>Background: the REST calls; fills the items' answers. Returns null, or why it failed.</summary>
    private static async Task<string?> FetchAsync(BitfinexRestClient rest, ReconcileItem[] items, CancellationToken cancellationToken)
    {
        var symbols = new List<string>();
        foreach (var item in items)
        {
            if (!symbols.Contains(item.Symbol))
            {
                symbols.Add(item.Symbol);
            }
        }

        foreach (var symbol in symbols)
        {
            var missing = new List<ReconcileItem>();
            foreach (var item in items)
            {
                if (item.Symbol == symbol && item.Missing)
                {
                    missing.Add(item);
                }
            }

            if (missing.Count > 0)
            {
                var byId = missing.TrueForAll(i => i.VenueOrderId != 0);
                var body = byId
                    ? "{\"id\":[" + string.Join(',', missing.ConvertAll(i => i.VenueOrderId.ToString(CultureInfo.InvariantCulture))) + "]}"
                    : string.Create(CultureInfo.InvariantCulture, $"{{\"limit\":{HistoryLimitByCid}}}");
                var history = await rest.PostAsync(BitfinexRestClient.OrdersHistoryPath(symbol), body, cancellationToken).ConfigureAwait(false);
                var orders = new List<byte[]>();
                if (!history.IsSuccess)
                {
                    return history.Error;
                }

                if (!BitfinexRestClient.TrySplitArray(history.Body, orders))
                {
                    return $"orders history of {symbol}: not an array of orders";
                }

                foreach (var order in orders)
                {
                    MatchClosed(order, missing);
                }
            }

            foreach (var item in items)
            {
                if (item.Symbol != symbol || (item.Missing && !item.ClosedHadFills) || item.VenueOrderId == 0)
                {
                    continue;
                }

                var trades = await rest.PostAsync(BitfinexRestClient.OrderTradesPath(symbol, item.VenueOrderId), "{}", cancellationToken).ConfigureAwait(false);
                if (!trades.IsSuccess)
                {
                    return trades.Error;
                }

                if (!BitfinexRestClient.TrySplitArray(trades.Body, item.Trades))
                {
                    return $"trades of order {item.VenueOrderId}: not an array of trades";
                }
            }
        }

        return null;
    }

    /// <summary>Gives a closed order of the history (newest first) to the missing item it names: by venue id, else by cid.</summary>
    private static void MatchClosed(byte[] array, List<ReconcileItem> missing)
    {
        if (!BitfinexAccountParser.TryReadOrder(array, out var order))
        {
            return;
        }

        foreach (var item in missing)
        {
            if (item.ClosedOrder is null && (item.VenueOrderId != 0 ? order.Id == item.VenueOrderId : order.Cid == item.Cid && order.Id != 0))
            {
                item.ClosedOrder = array;
                item.VenueOrderId = order.Id;

                // Traded unless AMOUNT is still AMOUNT_ORIG and no average price was made (asking once too often costs one call).
                item.ClosedHadFills = !order.Amount.SequenceEqual(order.AmountOriginal)
                    || !(order.PriceAverage.IsEmpty || order.PriceAverage.SequenceEqual("0"u8) || order.PriceAverage.SequenceEqual("null"u8));
                return;
            }
        }
    }

    /// <summary>Books what the venue said about one order: its trades (oldest first), then how it closed.</summary>
    private void Apply(ReconcileItem item)
    {
        if (!_engine.Orders.TryFind(item.ClientOrderId, out var slot) || OrderTransitions.IsTerminal(_engine.Orders[slot].State))
        {
            return;
        }

        var tradeIds = new long[item.Trades.Count];
        var trades = item.Trades.ToArray();
        for (var i = 0; i < trades.Length; i++)
        {
            tradeIds[i] = BitfinexAccountParser.TryReadTrade(trades[i], out var t) ? t.Id : long.MaxValue;
        }

        Array.Sort(tradeIds, trades);
        foreach (var array in trades)
        {
            if (!BitfinexAccountParser.TryReadTrade(array, out var trade))
            {
                MalformedFrames++;
                continue;
            }

            var fillsBefore = _reports[(int)ExecType.Fill];
            OnTrade(in trade, update: true);
            if (_reports[(int)ExecType.Fill] > fillsBefore && LastOutcome == ReportOutcome.Applied)
            {
                ReconciledFills++;
            }
        }

        if (!item.Missing || OrderTransitions.IsTerminal(_engine.Orders[slot].State))
        {
            return;
        }

        if (item.ClosedOrder is null || !BitfinexAccountParser.TryReadOrder(item.ClosedOrder, out var closed))
        {
            CloseUnverified(slot);
            return;
        }

        if (_engine.Orders[slot].State == OrderState.PendingNew)
        {
            Report(ExecutionReport.Ack(item.ClientOrderId, closed.Id));
        }

        OnClose(item.ClientOrderId, closed.Id, closed.Status);
        if (!OrderTransitions.IsTerminal(_engine.Orders[slot].State))
        {
            // EXECUTED, but the trades did not fill the order in the OMS: close it, the difference stays unbooked.
            CloseUnverified(slot);
        }
    }

    /// <summary>One order to reconcile; the answer fields are written by the background task and read after it completed.</summary>
    private sealed class ReconcileItem(long clientOrderId, long venueOrderId, long cid, string symbol, bool missing)
    {
        public long ClientOrderId { get; } = clientOrderId;

        public long VenueOrderId { get; set; } = venueOrderId;

        public long Cid { get; } = cid;

        public string Symbol { get; } = symbol;

        public bool Missing { get; } = missing;

        public byte[]? ClosedOrder { get; set; }

        public bool ClosedHadFills { get; set; }

        public List<byte[]> Trades { get; } = [];
    }

    private sealed record Reconciliation(ReconcileItem[] Items, CancellationTokenSource Timeout, Task<string?> Work);
}
