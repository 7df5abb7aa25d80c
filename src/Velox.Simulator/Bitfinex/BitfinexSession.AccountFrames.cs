using Velox.Simulator.Matching;

namespace Velox.Simulator.Bitfinex;

/// <summary>
/// Channel 0 frames as Bitfinex writes them: auth replies, notifications
/// <c>[0,"n",[MTS,TYPE,null,null,DATA,null,STATUS,TEXT]]</c>, 32-field order arrays, trades
/// <c>te</c>/<c>tu</c>, wallets <c>ws</c>/<c>wu</c>. Under SEQ_ALL every channel 0 frame but the heartbeat ends with
/// the connection's public sequence number (continuing the public channels' count) and the account's own
/// sequence (1, 2, ... per connection): <c>[0,"te",[...],SEQ,AUTH_SEQ]</c>, as docs.bitfinex.com describes.
/// </summary>
public sealed partial class BitfinexSession
{
    private long _lastAccountFrameNanos;
    private long _authSequence;

    /// <summary>Last account sequence number sent on channel 0 (0 before the first).</summary>
    public long AuthSequence => _authSequence;

    private void SendAccountHeartbeat()
    {
        // An authenticated connection's channel 0 gets [0,"hb"] like any idle channel.
        if (_account >= 0 && _nowNanos - _lastAccountFrameNanos >= _heartbeatNanos)
        {
            BeginAccountFrame("\"hb\""u8);
            _writer.Truncate(1);
            _writer.Byte((byte)']');
            _sink.Send(_writer.Written);
        }
    }

    private void SendAuthFailed(int code, string message) =>
        SendCodeAndMessage("{\"event\":\"auth\",\"status\":\"FAILED\",\"chanId\":0,\"code\":"u8, code, message);

    private void SendAuthOk(long userId)
    {
        Span<byte> id = stackalloc byte[16];
        _orderEntryRandom.NextBytes(id);
        _writer.Reset();
        _writer.Raw("{\"event\":\"auth\",\"status\":\"OK\",\"chanId\":0,\"userId\":"u8);
        _writer.Integer(userId);
        if (_deadManSwitch)
        {
            _writer.Raw(",\"dms\":4"u8);
        }

        _writer.Raw(",\"auth_id\":\""u8);
        for (var i = 0; i < id.Length; i++)
        {
            if (i is 4 or 6 or 8 or 10)
            {
                _writer.Byte((byte)'-');
            }

            _writer.Byte((byte)"0123456789abcdef"[id[i] >> 4]);
            _writer.Byte((byte)"0123456789abcdef"[id[i] & 0xF]);
        }

        _writer.Raw("\",\"caps\":{\"orders\":{\"read\":1,\"write\":1},\"account\":{\"read\":1,\"write\":0},\"funding\":{\"read\":1,\"write\":0},\"history\":{\"read\":1,\"write\":0},\"wallets\":{\"read\":1,\"write\":0},\"withdraw\":{\"read\":0,\"write\":0},\"positions\":{\"read\":1,\"write\":0}}}"u8);
        _sink.Send(_writer.Written);
    }

    private void SendSnapshots()
    {
        BeginAccountFrame("\"ps\""u8);
        _writer.Raw("[]]"u8);
        EndAccountFrame();

        var currencies = _engine.Currencies;
        var balances = new long[currencies.Count];
        var available = new long[currencies.Count];
        _engine.CopyWallets(_account, balances, available);
        BeginAccountFrame("\"ws\""u8);
        _writer.Byte((byte)'[');
        for (var c = 0; c < currencies.Count; c++)
        {
            CommaBefore(c);
            WriteWallet(c, balances[c], available[c]);
            _writer.Raw(",null,null]"u8);
        }

        _writer.Raw("]]"u8);
        EndAccountFrame();

        _openScratch.Clear();
        _engine.CopyOpenOrders(_account, _openScratch);
        BeginAccountFrame("\"os\""u8);
        _writer.Byte((byte)'[');
        for (var i = 0; i < _openScratch.Count; i++)
        {
            CommaBefore(i);
            WriteOrder(_openScratch[i]);
        }

        _writer.Raw("]]"u8);
        EndAccountFrame();
    }

    /// <summary>Sends the account frame in the writer (ending in its closing bracket), numbered under SEQ_ALL.</summary>
    private void EndAccountFrame()
    {
        if ((_flags & BitfinexFlags.SeqAll) != 0)
        {
            _writer.Truncate(1);
            _writer.Byte((byte)',');
            _writer.Integer(++_sequence);
            _writer.Byte((byte)',');
            _writer.Integer(++_authSequence);
            _writer.Byte((byte)']');
        }

        _sink.Send(_writer.Written);
    }

    private void BeginAccountFrame(ReadOnlySpan<byte> quotedType)
    {
        _lastAccountFrameNanos = _nowNanos;
        _writer.Reset();
        _writer.Raw("[0,"u8);
        _writer.Raw(quotedType);
        _writer.Byte((byte)',');
    }

    private void WriteNotificationHead(string type, long mts)
    {
        _writer.Byte((byte)'[');
        _writer.Integer(mts);
        _writer.Byte((byte)',');
        _writer.Quoted(type);
        _writer.Raw(",null,null,"u8);
    }

    private void SendNotification(in ExecutionEvent e)
    {
        var type = e.Request switch
        {
            SimRequestKind.New => "on-req",
            SimRequestKind.Cancel => "oc-req",
            _ => "ou-req",
        };
        BeginAccountFrame("\"n\""u8);
        WriteNotificationHead(type, e.Mts);
        WriteOrder(e.Order);
        if (e.Reject == SimRejectReason.None)
        {
            _writer.Raw(",null,\"SUCCESS\",\""u8);
            WriteSuccessText(e);
        }
        else
        {
            _writer.Raw(",null,\"ERROR\",\""u8);
            WriteRejectText(e);
        }

        _writer.Raw("\"]]"u8);
        EndAccountFrame();
    }

    private void SendMultiCancelNotification(in ExecutionEvent e)
    {
        BeginAccountFrame("\"n\""u8);
        WriteNotificationHead("oc_multi-req", e.Mts);
        _writer.Byte((byte)'[');
        for (var i = 0; i < _multiCancel.Count; i++)
        {
            CommaBefore(i);
            WriteOrder(_multiCancel[i].Order);
        }

        _writer.Raw("],null,\"SUCCESS\",\"Submitting "u8);
        _writer.Integer(_multiCancel.Count);
        _writer.Raw(" order cancellations.\"]]"u8);
        EndAccountFrame();
    }

    private void WriteSuccessText(in ExecutionEvent e)
    {
        ref readonly var o = ref e.Order;
        switch (e.Request)
        {
            case SimRequestKind.Cancel:
                _writer.Raw("Submitted for cancellation; waiting for confirmation (ID: "u8);
                _writer.Integer(o.Id);
                _writer.Raw(")."u8);
                return;
            case SimRequestKind.Amend:
                _writer.Raw("Submitting update to "u8);
                break;
            default:
                _writer.Raw("Submitting "u8);
                break;
        }

        _writer.Raw(o.Type switch
        {
            SimOrderType.Market => "exchange market "u8,
            SimOrderType.ImmediateOrCancel => "exchange ioc "u8,
            SimOrderType.FillOrKill => "exchange fok "u8,
            _ => "exchange limit "u8,
        });
        _writer.Raw(o.IsBuy ? "buy order for "u8 : "sell order for "u8);
        WriteBaseAmount(o.Amount, o.Instrument);
        _writer.Byte((byte)'.');
    }

    private void WriteRejectText(in ExecutionEvent e)
    {
        ref readonly var o = ref e.Order;
        switch (e.Reject)
        {
            case SimRejectReason.InsufficientBalance when o.Instrument >= 0:
                var spec = _market[o.Instrument].Spec;
                _writer.Raw("Invalid order: not enough exchange balance for "u8);
                _writer.Number(o.Amount, spec.SizeScale);
                _writer.Byte((byte)' ');
                Ascii(spec.Pair);

                _writer.Raw(" at "u8);
                _writer.Number(o.Price == 0 ? _market[o.Instrument].LastRaw : o.Price, spec.PriceScale);
                break;
            case SimRejectReason.OrderNotFound:
                _writer.Raw("Order not found."u8);
                break;
            case SimRejectReason.InvalidAmount:
                _writer.Raw("Invalid order: amount invalid"u8);
                break;
            case SimRejectReason.InvalidPrice:
                _writer.Raw("Invalid order: price invalid"u8);
                break;
            default:
                _writer.Raw("Invalid order: rejected by the simulator (injected fault)"u8);
                break;
        }
    }

    private void SendOrderFrame(ReadOnlySpan<byte> quotedType, in SimOrderSnapshot order)
    {
        BeginAccountFrame(quotedType);
        WriteOrder(order);
        _writer.Byte((byte)']');
        EndAccountFrame();
    }

    private void WriteOrder(in SimOrderSnapshot o) => BitfinexArrays.WriteOrder(_writer, o, o.Instrument >= 0 ? _market[o.Instrument].Spec : null);

    /// <summary>Writes the comma that goes before every array element but the first.</summary>
    private void CommaBefore(int index)
    {
        if (index > 0)
        {
            _writer.Byte((byte)',');
        }
    }

    /// <summary>Writes an unsigned amount and the instrument's base currency: <c>0.01 BTC</c>.</summary>
    private void WriteBaseAmount(long amount, int instrument)
    {
        _writer.Number(Math.Abs(amount), _market[instrument].Spec.SizeScale);
        _writer.Byte((byte)' ');
        Ascii(_engine.Currencies[_engine.BaseCurrency(instrument)]);
    }

    private void Ascii(string text)
    {
        foreach (var c in text)
        {
            _writer.Byte((byte)c);
        }
    }

    private void SendFill(in ExecutionEvent e, ReadOnlySpan<byte> quotedType)
    {
        // "te" has no fee yet; "tu" carries it.
        BeginAccountFrame(quotedType);
        var withFee = quotedType[1] == (byte)'t' && quotedType[2] == (byte)'u';
        BitfinexArrays.WriteTrade(_writer, e, _market[e.Order.Instrument].Spec, withFee ? _engine.Currencies[e.Currency] : null);
        _writer.Byte((byte)']');
        EndAccountFrame();
    }

    private void WriteWallet(int currency, long balance, long available)
    {
        _writer.Raw("[\"exchange\","u8);
        _writer.Quoted(_engine.Currencies[currency]);
        _writer.Byte((byte)',');
        _writer.Number(balance, MatchingEngine.WalletScale);
        _writer.Raw(",0,"u8);
        _writer.Number(available, MatchingEngine.WalletScale);
    }

    private void SendWalletUpdate(in ExecutionEvent e)
    {
        BeginAccountFrame("\"wu\""u8);
        WriteWallet(e.Currency, e.Balance, e.Available);
        if (e.CauseOrderId == 0)
        {
            _writer.Raw(",null,null]]"u8);
            EndAccountFrame();
            return;
        }

        // ["exchange","BTC",1.61,0,1.61,"Exchange 0.01 BTC for USD @ 7804.6",{"reason":"TRADE","order_id":..,...}]
        var spec = _market[e.CauseInstrument].Spec;
        _writer.Raw(",\"Exchange "u8);
        WriteBaseAmount(e.CauseAmount, e.CauseInstrument);
        _writer.Raw(" for "u8);
        Ascii(_engine.Currencies[_engine.QuoteCurrency(e.CauseInstrument)]);
        _writer.Raw(" @ "u8);
        _writer.Number(e.CausePrice, spec.PriceScale);
        _writer.Raw("\",{\"reason\":\"TRADE\",\"order_id\":"u8);
        _writer.Integer(e.CauseOrderId);
        _writer.Raw(",\"trade_price\":\""u8);
        _writer.Number(e.CausePrice, spec.PriceScale);
        _writer.Raw("\",\"trade_amount\":\""u8);
        _writer.Number(e.CauseAmount, spec.SizeScale);
        _writer.Raw("\"}]]"u8);
        EndAccountFrame();
    }
}
