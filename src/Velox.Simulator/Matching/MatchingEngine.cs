using System.Diagnostics.CodeAnalysis;
using Velox.Core.Numerics;
using Velox.Simulator.Market;

namespace Velox.Simulator.Matching;

/// <summary>
/// Venue-neutral paper matching for the simulator's accounts: price-time priority per instrument over
/// the accounts' resting orders and the caller's synthetic book; market, limit, IOC, FOK and post-only
/// semantics; partial fills; maker/taker fees on the received currency; exchange-wallet balances with
/// reservations; amend and cancel. All arithmetic is fixed point (sizes at the instrument's size
/// scale, prices at its price scale, wallets at <see cref="WalletScale"/>). Ids come from a seeded
/// stream, so one thread feeding the same requests gets the same events. Thread-safe: every public
/// member takes one lock, and events go to the attached <see cref="IExecutionSink"/>s under it.
/// </summary>
/// <remarks>
/// Resting orders are not shown in any public book. By default each connection has its own synthetic
/// market, and an order belongs to an account that may use several connections: orders fill (as makers,
/// at their own price) when the synthetic book of a connection the account is logged in on crosses
/// them, or when a synthetic trade prints strictly through their price (up to that trade's size). With
/// <see cref="SimulatorOptions.SharedMarket"/> there is one market: every account's orders hear of each of
/// its events once, whichever connection is logged in, and a taker trades the book every connection shows.
/// At one price, synthetic liquidity trades before resting user orders (it was there first).
/// </remarks>
[SuppressMessage("Security", "CA5394", Justification = "Ids come from a seeded PRNG for reproducibility.")]
public sealed class MatchingEngine
{
    /// <summary>Decimal places of wallet balances (Bitfinex reports eight).</summary>
    public const int WalletScale = 8;

    private const int BpsDenominator = 10_000;

    private readonly Lock _lock = new();
    private readonly SimInstrumentSpec[] _instruments;
    private readonly int[] _base;
    private readonly int[] _quote;
    private readonly string[] _currencies;
    private readonly AccountState[] _accounts;
    private readonly List<SimOrder>[] _bids;
    private readonly List<SimOrder>[] _asks;
    private readonly FeeSchedule _fees;
    private readonly List<(int Account, int Currency)> _touched = [];
    private readonly List<(long OrderId, long Amount, long Price, int Instrument)> _pendingCause = [];
    private readonly List<SimOrder> _scratch = [];
    private long _nextOrderId;
    private long _nextTradeId;
    private long _sequence;
    private long _requests;

    /// <summary>Creates the engine for <paramref name="instruments"/> and <paramref name="accounts"/>.</summary>
    public MatchingEngine(IReadOnlyList<SimInstrumentSpec> instruments, IReadOnlyList<SimAccount> accounts, FeeSchedule fees, int seed)
    {
        _instruments = [.. instruments];
        _fees = fees;
        var currencies = new List<string>();
        _base = new int[_instruments.Length];
        _quote = new int[_instruments.Length];
        _bids = new List<SimOrder>[_instruments.Length];
        _asks = new List<SimOrder>[_instruments.Length];
        for (var i = 0; i < _instruments.Length; i++)
        {
            var (baseName, quoteName) = SplitSymbol(_instruments[i].Symbol);
            _base[i] = IndexOrAdd(currencies, baseName);
            _quote[i] = IndexOrAdd(currencies, quoteName);
            _bids[i] = [];
            _asks[i] = [];
        }

        // A wallet may hold currencies no simulated instrument trades (the demo account's XRP on a BTC-only market).
        foreach (var account in accounts)
        {
            foreach (var currency in account.Balances.Keys)
            {
                IndexOrAdd(currencies, currency);
            }
        }

        _currencies = [.. currencies];
        _accounts = new AccountState[accounts.Count];
        for (var a = 0; a < accounts.Count; a++)
        {
            var state = new AccountState(accounts[a], _currencies.Length);
            foreach (var (currency, text) in accounts[a].Balances)
            {
                var c = Array.IndexOf(_currencies, currency);
                if (!FixedPoint.TryParse(System.Text.Encoding.ASCII.GetBytes(text), WalletScale, out var raw) || raw < 0)
                {
                    throw new ArgumentException($"account {accounts[a].ApiKey}: balance {currency}={text} is not a non-negative amount");
                }

                state.Balance[c] = raw;
            }

            _accounts[a] = state;
        }

        var random = new Random(seed);
        _nextOrderId = 50_000_000_000L + random.Next(1_000_000_000);
        _nextTradeId = 1_400_000_000L + random.Next(100_000_000);
    }

    /// <summary>Currencies of the wallets, in instrument order (base then quote).</summary>
    public IReadOnlyList<string> Currencies => _currencies;

    /// <summary>Number of accounts.</summary>
    public int AccountCount => _accounts.Length;

    /// <summary>The instrument's spec.</summary>
    public SimInstrumentSpec Instrument(int instrument) => _instruments[instrument];

    /// <summary>Wallet currency index of the instrument's base (what the amount counts).</summary>
    public int BaseCurrency(int instrument) => _base[instrument];

    /// <summary>Wallet currency index of the instrument's quote (what the price counts).</summary>
    public int QuoteCurrency(int instrument) => _quote[instrument];

    /// <summary>Index of the account with this API key, or -1.</summary>
    public int FindAccount(ReadOnlySpan<char> apiKey)
    {
        for (var a = 0; a < _accounts.Length; a++)
        {
            if (apiKey.SequenceEqual(_accounts[a].Account.ApiKey))
            {
                return a;
            }
        }

        return -1;
    }

    /// <summary>The configuration of account <paramref name="account"/>.</summary>
    public SimAccount Account(int account) => _accounts[account].Account;

    /// <summary>The account's secret as UTF-8 (for the dialect's signature check).</summary>
    public ReadOnlySpan<byte> Secret(int account) => _accounts[account].Secret;

    /// <summary>Accepts <paramref name="nonce"/> when it is greater than every nonce this account used before.</summary>
    public bool TryAdvanceNonce(int account, long nonce)
    {
        lock (_lock)
        {
            var state = _accounts[account];
            if (nonce <= state.LastNonce)
            {
                return false;
            }

            state.LastNonce = nonce;
            return true;
        }
    }

    /// <summary>Starts delivering the account's events to <paramref name="sink"/>.</summary>
    public void Attach(int account, IExecutionSink sink)
    {
        lock (_lock)
        {
            _accounts[account].Sinks.Add(sink);
        }
    }

    /// <summary>Stops delivering to <paramref name="sink"/>; with <paramref name="cancelOrders"/> (a dead-man switch) cancels every open order of the account.</summary>
    public void Detach(int account, IExecutionSink sink, bool cancelOrders, long mts)
    {
        lock (_lock)
        {
            var state = _accounts[account];
            state.Sinks.Remove(sink);
            if (cancelOrders)
            {
                _scratch.Clear();
                _scratch.AddRange(state.Open);
                foreach (var order in _scratch)
                {
                    Close(order, SimOrderStatus.Canceled, mts);
                }

                EmitTouchedWallets(mts);
            }
        }
    }

    /// <summary>Copies the account's balances and available amounts (wallet scale), one per currency.</summary>
    public void CopyWallets(int account, Span<long> balances, Span<long> available)
    {
        lock (_lock)
        {
            var state = _accounts[account];
            for (var c = 0; c < _currencies.Length; c++)
            {
                balances[c] = state.Balance[c];
                available[c] = state.Balance[c] - state.Reserved[c];
            }
        }
    }

    /// <summary>Appends the account's open orders, oldest first (cold path: snapshots after login).</summary>
    public void CopyOpenOrders(int account, List<SimOrderSnapshot> into)
    {
        lock (_lock)
        {
            foreach (var order in _accounts[account].Open)
            {
                into.Add(order.State);
            }
        }
    }

    /// <summary>Number of instruments.</summary>
    public int InstrumentCount => _instruments.Length;

    /// <summary>Index of the instrument with this venue symbol, or -1.</summary>
    public int FindInstrument(ReadOnlySpan<char> symbol)
    {
        for (var i = 0; i < _instruments.Length; i++)
        {
            if (symbol.SequenceEqual(_instruments[i].Symbol))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Appends the account's closed orders on <paramref name="instrument"/>, newest first (as the venue's order history),
    /// only those whose id is in <paramref name="ids"/> unless it is empty, at most <paramref name="limit"/> (cold path).
    /// </summary>
    public void CopyClosedOrders(int account, int instrument, ReadOnlySpan<long> ids, int limit, List<SimOrderSnapshot> into)
    {
        lock (_lock)
        {
            var closed = _accounts[account].Closed;
            for (var i = 0; i < closed.Count && limit > 0; i++)
            {
                ref readonly var order = ref closed.FromNewest(i);
                if (order.Instrument == instrument && (ids.IsEmpty || ids.Contains(order.Id)))
                {
                    into.Add(order);
                    limit--;
                }
            }
        }
    }

    /// <summary>Appends the fills of the account's order <paramref name="orderId"/>, newest first (cold path: the order-trades endpoint).</summary>
    public void CopyFills(int account, long orderId, List<ExecutionEvent> into)
    {
        lock (_lock)
        {
            var fills = _accounts[account].Fills;
            for (var i = 0; i < fills.Count; i++)
            {
                ref readonly var fill = ref fills.FromNewest(i);
                if (fill.Order.Id == orderId)
                {
                    into.Add(fill);
                }
            }
        }
    }

    /// <summary>Appends the account's fills on <paramref name="instrument"/>, newest first (cold path: a trade-list query).</summary>
    public void CopyInstrumentFills(int account, int instrument, List<ExecutionEvent> into)
    {
        lock (_lock)
        {
            var fills = _accounts[account].Fills;
            for (var i = 0; i < fills.Count; i++)
            {
                ref readonly var fill = ref fills.FromNewest(i);
                if (fill.Order.Instrument == instrument)
                {
                    into.Add(fill);
                }
            }
        }
    }

    /// <summary>Order requests (new, cancel, cancel-many, amend) that reached the engine, from every account.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Number of open orders of the account.</summary>
    public int OpenOrderCount(int account)
    {
        lock (_lock)
        {
            return _accounts[account].Open.Count;
        }
    }

    /// <summary>Answers a request with a refusal that the engine did not decide (bad input, injected fault): to <paramref name="requester"/> only.</summary>
    public static void Reject(SimRequestKind request, SimRejectReason reason, in SimOrderSnapshot order, long mts, IExecutionSink requester)
    {
        var e = new ExecutionEvent { Kind = ExecutionKind.Ack, Request = request, Reject = reason, Mts = mts, Order = order };
        requester.Enqueue(e);
    }

    /// <summary>
    /// Places a new order: validates the balance, acknowledges it to <paramref name="requester"/>, matches it
    /// against <paramref name="liquidity"/> and the resting orders, rests or closes it, and reports fills and wallets.
    /// </summary>
    public void Submit(in SimOrderRequest request, ISyntheticLiquidity liquidity, long mts, IExecutionSink requester)
    {
        Interlocked.Increment(ref _requests);
        lock (_lock)
        {
            var state = _accounts[request.Account];
            var order = new SimOrder
            {
                State = new SimOrderSnapshot
                {
                    Id = _nextOrderId++,
                    Cid = request.Cid,
                    Account = request.Account,
                    Instrument = request.Instrument,
                    MtsCreate = mts,
                    MtsUpdate = mts,
                    Amount = request.Amount,
                    AmountOrig = request.Amount,
                    Type = request.Type,
                    Flags = request.Flags,
                    Status = SimOrderStatus.Active,
                    Price = request.Type == SimOrderType.Market ? 0 : request.Price,
                    PostOnly = request.PostOnly,
                },
                Sequence = ++_sequence,
                CidDate = CalendarDay(mts),
            };

            if (!HasBalanceFor(order, state, liquidity))
            {
                _nextOrderId--;
                Reject(SimRequestKind.New, SimRejectReason.InsufficientBalance, order.State, mts, requester);
                return;
            }

            requester.Enqueue(new ExecutionEvent { Kind = ExecutionKind.Ack, Request = SimRequestKind.New, Mts = mts, Order = order.State });
            state.Open.Add(order);
            Reserve(order);
            Enter(order, liquidity, mts, isNew: true);
            EmitTouchedWallets(mts);
        }
    }

    /// <summary>Cancels one order by id (<paramref name="cid"/> 0) or by client id and creation day (yyyymmdd).</summary>
    public void Cancel(int account, long orderId, long cid, int cidDate, long mts, IExecutionSink requester)
    {
        Interlocked.Increment(ref _requests);
        lock (_lock)
        {
            var order = Find(_accounts[account], orderId, cid, cidDate);
            if (order is null)
            {
                Reject(SimRequestKind.Cancel, SimRejectReason.OrderNotFound, new SimOrderSnapshot { Id = orderId, Cid = cid, Account = account, Instrument = -1 }, mts, requester);
                return;
            }

            requester.Enqueue(new ExecutionEvent { Kind = ExecutionKind.Ack, Request = SimRequestKind.Cancel, Mts = mts, Order = order.State });
            Close(order, SimOrderStatus.Canceled, mts);
            EmitTouchedWallets(mts);
        }
    }

    /// <summary>Cancels the listed orders (unknown ids are skipped), or all of the account's with <paramref name="all"/>.</summary>
    public void CancelMany(int account, ReadOnlySpan<long> orderIds, bool all, long mts, IExecutionSink requester)
    {
        Interlocked.Increment(ref _requests);
        lock (_lock)
        {
            var state = _accounts[account];
            _scratch.Clear();
            foreach (var order in state.Open)
            {
                if (all || orderIds.Contains(order.State.Id))
                {
                    _scratch.Add(order);
                }
            }

            requester.Enqueue(new ExecutionEvent { Kind = ExecutionKind.Ack, Request = SimRequestKind.CancelMany, Count = _scratch.Count, Mts = mts, Order = new SimOrderSnapshot { Account = account, Instrument = -1 } });
            foreach (var order in _scratch)
            {
                Close(order, SimOrderStatus.Canceled, mts, onlyTo: requester);
            }

            EmitTouchedWallets(mts);
        }
    }

    /// <summary>
    /// Changes a resting order's price and/or remaining amount (<paramref name="amount"/> = new signed remaining,
    /// or <paramref name="delta"/> added to it; 0 = unchanged). A new price or a larger amount loses time priority;
    /// a price that now crosses trades at once (a post-only order is cancelled instead).
    /// </summary>
    public void Amend(int account, long orderId, long price, long amount, long delta, ISyntheticLiquidity liquidity, long mts, IExecutionSink requester)
    {
        Interlocked.Increment(ref _requests);
        lock (_lock)
        {
            var state = _accounts[account];
            var order = Find(state, orderId, 0, 0);
            if (order is null)
            {
                Reject(SimRequestKind.Amend, SimRejectReason.OrderNotFound, new SimOrderSnapshot { Id = orderId, Account = account, Instrument = -1 }, mts, requester);
                return;
            }

            var newAmount = amount != 0 ? amount : order.State.Amount;
            newAmount += delta;
            if (newAmount == 0 || (newAmount > 0) != order.IsBuy)
            {
                Reject(SimRequestKind.Amend, SimRejectReason.InvalidAmount, order.State, mts, requester);
                return;
            }

            var newPrice = price != 0 ? price : order.State.Price;
            if (newPrice <= 0 || order.State.Type == SimOrderType.Market)
            {
                Reject(SimRequestKind.Amend, SimRejectReason.InvalidPrice, order.State, mts, requester);
                return;
            }

            var currency = order.IsBuy ? _quote[order.State.Instrument] : _base[order.State.Instrument];
            var needed = ReservationFor(order, Math.Abs(newAmount), newPrice);
            if (needed - order.Reserved > state.Balance[currency] - state.Reserved[currency])
            {
                Reject(SimRequestKind.Amend, SimRejectReason.InsufficientBalance, order.State, mts, requester);
                return;
            }

            var losesPriority = newPrice != order.State.Price || Math.Abs(newAmount) > order.Remaining;
            RemoveFromBook(order);
            order.State.AmountOrig += newAmount - order.State.Amount;
            order.State.Amount = newAmount;
            order.State.Price = newPrice;
            order.State.MtsUpdate = mts;
            if (losesPriority)
            {
                order.Sequence = ++_sequence;
            }

            requester.Enqueue(new ExecutionEvent { Kind = ExecutionKind.Ack, Request = SimRequestKind.Amend, Mts = mts, Order = order.State });
            Reserve(order);
            Enter(order, liquidity, mts, isNew: false);
            EmitTouchedWallets(mts);
        }
    }

    /// <summary>
    /// A synthetic trade printed on a connection where <paramref name="account"/> is logged in: its resting
    /// orders priced strictly through the trade fill, best first, up to the trade's size, at their own price.
    /// </summary>
    public void OnSyntheticTrade(int account, int instrument, long price, long signedAmount, long mts)
    {
        lock (_lock)
        {
            if (_accounts[account].Open.Count == 0)
            {
                return;
            }

            // A sell aggressor (negative amount) went through the bids; a buy aggressor through the asks.
            var book = signedAmount < 0 ? _bids[instrument] : _asks[instrument];
            var left = Math.Abs(signedAmount);
            for (var i = 0; i < book.Count && left > 0;)
            {
                var order = book[i];
                var through = order.IsBuy ? order.State.Price > price : order.State.Price < price;
                if (!through)
                {
                    break;
                }

                if (order.State.Account != account)
                {
                    i++;
                    continue;
                }

                var qty = Math.Min(left, order.Remaining);
                left -= qty;
                FillMaker(order, qty, order.State.Price, mts);
                if (order.Remaining > 0)
                {
                    i++;
                }
            }

            EmitTouchedWallets(mts);
        }
    }

    /// <summary>
    /// The synthetic book of a connection where <paramref name="account"/> is logged in changed: where it now
    /// crosses the account's resting orders, they fill as makers at their own price against that liquidity.
    /// </summary>
    public void OnSyntheticBook(int account, int instrument, ISyntheticLiquidity liquidity, long mts)
    {
        lock (_lock)
        {
            if (_accounts[account].Open.Count == 0)
            {
                return;
            }

            CrossResting(account, _bids[instrument], instrument, liquidity, mts);
            CrossResting(account, _asks[instrument], instrument, liquidity, mts);
            EmitTouchedWallets(mts);
        }
    }

    private static (string Base, string Quote) SplitSymbol(string symbol)
    {
        var pair = symbol.Length > 1 && symbol[0] == 't' ? symbol[1..] : symbol;
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            return (pair[..colon], pair[(colon + 1)..]);
        }

        if (pair.Length != 6)
        {
            throw new ArgumentException($"symbol {symbol}: expected tBASEQUOTE with three-letter currencies or tBASE:QUOTE");
        }

        return (pair[..3], pair[3..]);
    }

    private static int IndexOrAdd(List<string> list, string value)
    {
        var i = list.IndexOf(value);
        if (i >= 0)
        {
            return i;
        }

        list.Add(value);
        return list.Count - 1;
    }

    private static int CalendarDay(long mts)
    {
        var date = DateTimeOffset.FromUnixTimeMilliseconds(mts).UtcDateTime;
        return (date.Year * 10_000) + (date.Month * 100) + date.Day;
    }

    private static SimOrder? Find(AccountState state, long orderId, long cid, int cidDate)
    {
        foreach (var order in state.Open)
        {
            if (cid != 0 ? order.State.Cid == cid && order.CidDate == cidDate : order.State.Id == orderId)
            {
                return order;
            }
        }

        return null;
    }

    private static long Rescale(long raw, int fromScale, int toScale) =>
        fromScale == toScale ? raw
        : fromScale > toScale ? raw / (long)FixedPoint.Pow10(fromScale - toScale)
        : raw * (long)FixedPoint.Pow10(toScale - fromScale);

    private long Notional(int instrument, long size, long price)
    {
        var spec = _instruments[instrument];
        var exact = (Int128)size * price;
        var shift = spec.SizeScale + spec.PriceScale - WalletScale;
        return shift >= 0 ? (long)(exact / (Int128)FixedPoint.Pow10(shift)) : (long)(exact * (Int128)FixedPoint.Pow10(-shift));
    }

    private long BaseInWallet(int instrument, long size) => Rescale(size, _instruments[instrument].SizeScale, WalletScale);

    private long ReservationFor(SimOrder order, long remaining, long price) =>
        order.IsBuy ? (order.State.Type == SimOrderType.Market ? 0 : Notional(order.State.Instrument, remaining, price)) : BaseInWallet(order.State.Instrument, remaining);

    private bool HasBalanceFor(SimOrder order, AccountState state, ISyntheticLiquidity liquidity)
    {
        var instrument = order.State.Instrument;
        if (!order.IsBuy)
        {
            var c = _base[instrument];
            return BaseInWallet(instrument, order.Remaining) <= state.Balance[c] - state.Reserved[c];
        }

        var q = _quote[instrument];
        var need = order.State.Type == SimOrderType.Market
            ? Probe(order, liquidity, out _)
            : Notional(instrument, order.Remaining, order.State.Price);
        return need <= state.Balance[q] - state.Reserved[q];
    }

    /// <summary>What the order could take right now: returns the cost in quote (wallet scale) and the fillable size.</summary>
    private long Probe(SimOrder order, ISyntheticLiquidity liquidity, out long fillable)
    {
        var instrument = order.State.Instrument;
        var buy = order.IsBuy;
        var users = buy ? _asks[instrument] : _bids[instrument];
        var depth = liquidity.Depth(instrument, bids: !buy);
        var limited = order.State.Type != SimOrderType.Market;
        long cost = 0;
        fillable = 0;
        var left = order.Remaining;
        int s = 0, u = 0;
        while (left > 0)
        {
            var hasSynthetic = s < depth;
            var hasUser = u < users.Count;
            if (!hasSynthetic && !hasUser)
            {
                break;
            }

            var synthetic = hasSynthetic ? liquidity.Level(instrument, bids: !buy, s) : default;
            var takeSynthetic = hasSynthetic && (!hasUser || !IsBetter(buy, users[u].State.Price, synthetic.Price));
            var price = takeSynthetic ? synthetic.Price : users[u].State.Price;
            if (limited && (buy ? price > order.State.Price : price < order.State.Price))
            {
                break;
            }

            var size = takeSynthetic ? synthetic.Size : users[u].Remaining;
            var qty = Math.Min(left, size);
            left -= qty;
            fillable += qty;
            cost += Notional(instrument, qty, price);
            if (takeSynthetic)
            {
                s++;
            }
            else
            {
                u++;
            }
        }

        return cost;
    }

    /// <summary>True when <paramref name="a"/> is a strictly better price than <paramref name="b"/> for the side being taken (a buyer takes asks).</summary>
    private static bool IsBetter(bool buyerTakes, long a, long b) => buyerTakes ? a < b : a > b;

    private bool WouldCross(SimOrder order, ISyntheticLiquidity liquidity)
    {
        var instrument = order.State.Instrument;
        var buy = order.IsBuy;
        var users = buy ? _asks[instrument] : _bids[instrument];
        if (users.Count > 0 && (buy ? users[0].State.Price <= order.State.Price : users[0].State.Price >= order.State.Price))
        {
            return true;
        }

        if (liquidity.Depth(instrument, bids: !buy) == 0)
        {
            return false;
        }

        var best = liquidity.Level(instrument, bids: !buy, 0).Price;
        return buy ? best <= order.State.Price : best >= order.State.Price;
    }

    private void Enter(SimOrder order, ISyntheticLiquidity liquidity, long mts, bool isNew)
    {
        if (order.State.PostOnly && WouldCross(order, liquidity))
        {
            Close(order, SimOrderStatus.PostOnlyCanceled, mts);
            return;
        }

        if (order.State.Type == SimOrderType.FillOrKill)
        {
            Probe(order, liquidity, out var fillable);
            if (fillable < order.Remaining)
            {
                Close(order, SimOrderStatus.FokCanceled, mts);
                return;
            }
        }

        var outOfBalance = !Take(order, liquidity, mts);
        if (order.Remaining == 0)
        {
            Close(order, SimOrderStatus.Executed, mts);
            return;
        }

        switch (order.State.Type)
        {
            case SimOrderType.Market:
                Close(order, outOfBalance ? SimOrderStatus.InsufficientBalance : SimOrderStatus.Canceled, mts);
                return;
            case SimOrderType.ImmediateOrCancel:
            case SimOrderType.FillOrKill:
                Close(order, SimOrderStatus.IocCanceled, mts);
                return;
        }

        AddToBook(order);
        Emit(order.State.Account, new ExecutionEvent { Kind = isNew ? ExecutionKind.OrderNew : ExecutionKind.OrderUpdate, Mts = mts, Order = order.State });
    }

    /// <summary>Matches the order as taker; false when a market buy ran out of quote balance.</summary>
    private bool Take(SimOrder order, ISyntheticLiquidity liquidity, long mts)
    {
        var instrument = order.State.Instrument;
        var buy = order.IsBuy;
        var users = buy ? _asks[instrument] : _bids[instrument];
        var limited = order.State.Type != SimOrderType.Market;
        var state = _accounts[order.State.Account];
        while (order.Remaining > 0)
        {
            var hasSynthetic = liquidity.Depth(instrument, bids: !buy) > 0;
            var hasUser = users.Count > 0;
            if (!hasSynthetic && !hasUser)
            {
                return true;
            }

            var synthetic = hasSynthetic ? liquidity.Level(instrument, bids: !buy, 0) : default;
            var takeSynthetic = hasSynthetic && (!hasUser || !IsBetter(buy, users[0].State.Price, synthetic.Price));
            var price = takeSynthetic ? synthetic.Price : users[0].State.Price;
            if (limited && (buy ? price > order.State.Price : price < order.State.Price))
            {
                return true;
            }

            var qty = Math.Min(order.Remaining, takeSynthetic ? synthetic.Size : users[0].Remaining);
            if (buy && !limited)
            {
                var q = _quote[instrument];
                var available = state.Balance[q] - state.Reserved[q];
                if (Notional(instrument, qty, price) > available)
                {
                    qty = MaxAffordable(instrument, qty, price, available);
                    if (qty == 0)
                    {
                        return false;
                    }
                }
            }

            if (takeSynthetic)
            {
                liquidity.Consume(instrument, bids: !buy, qty, price, takerBuys: buy, mts);
            }
            else
            {
                FillMaker(users[0], qty, price, mts);
            }

            Fill(order, qty, price, maker: false, mts);
        }

        return true;
    }

    private long MaxAffordable(int instrument, long qty, long price, long available)
    {
        // Largest size whose notional fits: binary search keeps it exact without division rounding doubts.
        long lo = 0, hi = qty;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo + 1) / 2);
            if (Notional(instrument, mid, price) <= available)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private void CrossResting(int account, List<SimOrder> book, int instrument, ISyntheticLiquidity liquidity, long mts)
    {
        for (var i = 0; i < book.Count;)
        {
            var order = book[i];
            var buy = order.IsBuy;
            if (liquidity.Depth(instrument, bids: !buy) == 0)
            {
                return;
            }

            var best = liquidity.Level(instrument, bids: !buy, 0);
            var crossed = buy ? best.Price <= order.State.Price : best.Price >= order.State.Price;
            if (!crossed)
            {
                return;
            }

            if (order.State.Account != account)
            {
                i++;
                continue;
            }

            var qty = Math.Min(order.Remaining, best.Size);
            liquidity.Consume(instrument, bids: !buy, qty, order.State.Price, takerBuys: !buy, mts);
            FillMaker(order, qty, order.State.Price, mts);
            if (order.Remaining > 0)
            {
                i++;
            }
        }
    }

    private void FillMaker(SimOrder order, long qty, long price, long mts)
    {
        Fill(order, qty, price, maker: true, mts);
        if (order.Remaining == 0)
        {
            Close(order, SimOrderStatus.Executed, mts);
        }
        else
        {
            Emit(order.State.Account, new ExecutionEvent { Kind = ExecutionKind.OrderUpdate, Mts = mts, Order = order.State });
        }
    }

    private void Fill(SimOrder order, long qty, long price, bool maker, long mts)
    {
        var instrument = order.State.Instrument;
        var state = _accounts[order.State.Account];
        var buy = order.IsBuy;
        var signed = buy ? qty : -qty;
        order.State.Amount -= signed;
        order.FilledSize += qty;
        order.FilledNotional += (Int128)qty * price;
        order.State.PriceAvg = (long)(order.FilledNotional / order.FilledSize);
        order.State.PrevFillPrice = order.State.LastFillPrice;
        order.State.PrevFillAmount = order.State.LastFillAmount;
        order.State.LastFillPrice = price;
        order.State.LastFillAmount = signed;
        order.State.FillCount++;
        order.State.MtsUpdate = mts;
        order.State.Status = order.State.Amount == 0 ? SimOrderStatus.Executed : SimOrderStatus.PartiallyFilled;

        var bps = maker ? _fees.MakerBps : _fees.TakerBps;
        var baseC = _base[instrument];
        var quoteC = _quote[instrument];
        var baseAmount = BaseInWallet(instrument, qty);
        var quoteAmount = Notional(instrument, qty, price);
        int feeCurrency;
        long fee;
        if (buy)
        {
            feeCurrency = baseC;
            fee = baseAmount * bps / BpsDenominator;
            state.Balance[quoteC] -= quoteAmount;
            state.Balance[baseC] += baseAmount - fee;
        }
        else
        {
            feeCurrency = quoteC;
            fee = quoteAmount * bps / BpsDenominator;
            state.Balance[baseC] -= baseAmount;
            state.Balance[quoteC] += quoteAmount - fee;
        }

        Reserve(order);
        var fill = new ExecutionEvent
        {
            Kind = ExecutionKind.Fill,
            Mts = mts,
            Order = order.State,
            TradeId = _nextTradeId++,
            ExecAmount = signed,
            ExecPrice = price,
            Maker = maker,
            Fee = -fee,
            Currency = feeCurrency,
        };
        state.Fills.Add(fill);
        Emit(order.State.Account, fill);
        Touch(order.State.Account, baseC, order.State.Id, signed, price, instrument);
        Touch(order.State.Account, quoteC, order.State.Id, signed, price, instrument);
    }

    private void Close(SimOrder order, SimOrderStatus status, long mts, IExecutionSink? onlyTo = null)
    {
        RemoveFromBook(order);
        _accounts[order.State.Account].Open.Remove(order);
        order.State.Status = status;
        order.State.MtsUpdate = mts;
        var released = order.Reserved;
        order.Reserved = 0;
        if (released != 0)
        {
            var currency = order.IsBuy ? _quote[order.State.Instrument] : _base[order.State.Instrument];
            _accounts[order.State.Account].Reserved[currency] -= released;
            Touch(order.State.Account, currency, 0, 0, 0, order.State.Instrument);
        }

        _accounts[order.State.Account].Closed.Add(order.State);
        var e = new ExecutionEvent { Kind = ExecutionKind.OrderClosed, Mts = mts, Order = order.State };
        if (onlyTo is null)
        {
            Emit(order.State.Account, e);
            return;
        }

        // A multi-cancel's closes follow its ack on the requesting connection; the account's other connections get them too.
        foreach (var sink in _accounts[order.State.Account].Sinks)
        {
            if (sink != onlyTo)
            {
                sink.Enqueue(e);
            }
        }

        onlyTo.Enqueue(e);
    }

    private void Reserve(SimOrder order)
    {
        var needed = ReservationFor(order, order.Remaining, order.State.Price);
        var delta = needed - order.Reserved;
        if (delta == 0)
        {
            return;
        }

        var currency = order.IsBuy ? _quote[order.State.Instrument] : _base[order.State.Instrument];
        _accounts[order.State.Account].Reserved[currency] += delta;
        order.Reserved = needed;
        Touch(order.State.Account, currency, 0, 0, 0, order.State.Instrument);
    }

    private void AddToBook(SimOrder order)
    {
        var book = order.IsBuy ? _bids[order.State.Instrument] : _asks[order.State.Instrument];
        var i = book.Count;
        while (i > 0 && Precedes(order, book[i - 1]))
        {
            i--;
        }

        book.Insert(i, order);
    }

    private static bool Precedes(SimOrder a, SimOrder b) =>
        a.State.Price != b.State.Price ? (a.IsBuy ? a.State.Price > b.State.Price : a.State.Price < b.State.Price) : a.Sequence < b.Sequence;

    private void RemoveFromBook(SimOrder order)
    {
        var book = order.IsBuy ? _bids[order.State.Instrument] : _asks[order.State.Instrument];
        book.Remove(order);
    }

    private void Touch(int account, int currency, long orderId, long amount, long price, int instrument)
    {
        for (var i = 0; i < _touched.Count; i++)
        {
            if (_touched[i].Account == account && _touched[i].Currency == currency)
            {
                if (orderId != 0)
                {
                    _pendingCause[i] = (orderId, amount, price, instrument);
                }

                return;
            }
        }

        _touched.Add((account, currency));
        _pendingCause.Add((orderId, amount, price, instrument));
    }

    private void EmitTouchedWallets(long mts)
    {
        for (var i = 0; i < _touched.Count; i++)
        {
            var (account, currency) = _touched[i];
            var cause = _pendingCause[i];
            var state = _accounts[account];
            Emit(account, new ExecutionEvent
            {
                Kind = ExecutionKind.Wallet,
                Mts = mts,
                Currency = currency,
                Balance = state.Balance[currency],
                Available = state.Balance[currency] - state.Reserved[currency],
                CauseOrderId = cause.OrderId,
                CauseAmount = cause.Amount,
                CausePrice = cause.Price,
                CauseInstrument = cause.Instrument,
            });
        }

        _touched.Clear();
        _pendingCause.Clear();
    }

    private void Emit(int account, in ExecutionEvent e)
    {
        foreach (var sink in _accounts[account].Sinks)
        {
            sink.Enqueue(e);
        }
    }
}
