using Velox.Simulator.Faults;

namespace Velox.Simulator.Bitfinex;

/// <summary>Client events (conf, subscribe, unsubscribe, ping, auth), replies and fault injection.</summary>
public sealed partial class BitfinexSession : ISimulatedConnection
{
    private static readonly string[] BookLengths = ["1", "25", "100", "250"];

    /// <summary>Handles one client text message; bad input is answered with an error event, never thrown.</summary>
    public void OnClientMessage(ReadOnlySpan<byte> utf8)
    {
        if (_shared is null)
        {
            OnClientMessageCore(utf8);
            return;
        }

        lock (_shared.Gate)
        {
            OnClientMessageCore(utf8);
        }

        if (!IsClosed)
        {
            _buffer!.Flush();
        }
    }

    private void OnClientMessageCore(ReadOnlySpan<byte> utf8)
    {
        if (IsClosed)
        {
            return;
        }

        if (IsOrderInput(utf8))
        {
            OnOrderInput(utf8);
            return;
        }

        if (!ClientRequest.TryParse(utf8, out var request))
        {
            SendError(BitfinexCodes.UnknownEvent, "Unknown event");
            return;
        }

        switch (request.Event)
        {
            case "conf":
                OnConf(request);
                break;
            case "subscribe":
                OnSubscribe(request);
                break;
            case "unsubscribe":
                OnUnsubscribe(request);
                break;
            case "ping":
                OnPing(request);
                break;
            case "auth":
                OnAuth(request);
                break;
            default:
                SendError(BitfinexCodes.UnknownEvent, "Unknown event");
                break;
        }
    }

    private void OnConf(ClientRequest request)
    {
        _flags = (int)(request.Flags ?? 0);
        _writer.Reset();
        _writer.Raw("{\"event\":\"conf\",\"status\":\"OK\",\"flags\":"u8);
        _writer.Integer(_flags);
        _writer.Byte((byte)'}');
        _sink.Send(_writer.Written);
    }

    private void OnPing(ClientRequest request)
    {
        _writer.Reset();
        _writer.Raw("{\"event\":\"pong\",\"ts\":"u8);
        _writer.Integer(Mts);
        if (request.Cid is { } cid)
        {
            _writer.Raw(",\"cid\":"u8);
            _writer.Integer(cid);
        }

        _writer.Byte((byte)'}');
        _sink.Send(_writer.Written);
    }

    private void OnSubscribe(ClientRequest request)
    {
        var kind = request.Channel switch
        {
            "book" => ChannelKind.Book,
            "trades" => ChannelKind.Trades,
            "ticker" => ChannelKind.Ticker,
            _ => ChannelKind.None,
        };
        if (kind == ChannelKind.None)
        {
            SendError(BitfinexCodes.UnknownChannel, "channel: unknown");
            return;
        }

        var symbol = request.Symbol ?? (request.Pair is null ? null : "t" + request.Pair);
        var instrument = symbol is null ? -1 : _market.IndexOf(symbol);
        if (instrument < 0)
        {
            if (request.Symbol is null && request.Pair is not null)
            {
                SendError(BitfinexCodes.UnknownPair, "pair: invalid");
            }
            else
            {
                SendError(BitfinexCodes.SubscriptionFailed, "symbol: invalid");
            }

            return;
        }

        var prec = request.Prec ?? "P0";
        var freq = request.Freq ?? "F0";
        var len = request.Len ?? "25";
        if (kind == ChannelKind.Book)
        {
            if (prec != "P0")
            {
                SendError(BitfinexCodes.UnknownBookPrecision, "prec: invalid");
                return;
            }

            if (Array.IndexOf(BookLengths, len) < 0)
            {
                SendError(BitfinexCodes.UnknownBookLength, "len: invalid");
                return;
            }

            if (freq != "F0")
            {
                SendError(BitfinexCodes.SubscriptionFailed, "freq: invalid");
                return;
            }
        }

        var free = -1;
        for (var c = _channels.Length - 1; c >= 0; c--)
        {
            if (_channels[c].Kind == kind && _channels[c].Instrument == instrument)
            {
                SendError(BitfinexCodes.AlreadySubscribed, "subscribe: dup");
                return;
            }

            if (_channels[c].Kind == ChannelKind.None)
            {
                free = c;
            }
        }

        if (free < 0)
        {
            SendError(BitfinexCodes.SubscriptionFailed, "subscribe: limit");
            return;
        }

        _nextChanId += 1 + _ids.Next(64);
        ref var ch = ref _channels[free];
        ch = new Subscription
        {
            Kind = kind,
            ChanId = _nextChanId,
            Instrument = instrument,
            Len = kind == ChannelKind.Book ? int.Parse(len, System.Globalization.CultureInfo.InvariantCulture) : 0,
            LastSentNanos = _nowNanos,
        };
        SendSubscribed(ch, _market[instrument].Spec.Symbol, _market[instrument].Spec.Pair, prec, freq, len);
        var market = _market[instrument];
        switch (kind)
        {
            case ChannelKind.Book:
                SendBookSnapshot(ref ch, market);
                break;
            case ChannelKind.Trades:
                SendTradesSnapshot(ref ch, market);
                break;
            default:
                SendTicker(ref ch, market);
                break;
        }

        RebuildActiveInstruments();
    }

    private void SendSubscribed(in Subscription ch, string symbol, string pair, string prec, string freq, string len)
    {
        _writer.Reset();
        _writer.Raw("{\"event\":\"subscribed\",\"channel\":"u8);
        _writer.Quoted(ch.Kind switch
        {
            ChannelKind.Book => "book",
            ChannelKind.Trades => "trades",
            _ => "ticker",
        });
        _writer.Raw(",\"chanId\":"u8);
        _writer.Integer(ch.ChanId);
        _writer.Raw(",\"symbol\":"u8);
        _writer.Quoted(symbol);
        if (ch.Kind == ChannelKind.Book)
        {
            _writer.Raw(",\"prec\":"u8);
            _writer.Quoted(prec);
            _writer.Raw(",\"freq\":"u8);
            _writer.Quoted(freq);
            _writer.Raw(",\"len\":"u8);
            _writer.Quoted(len);
        }

        _writer.Raw(",\"pair\":"u8);
        _writer.Quoted(pair);
        _writer.Byte((byte)'}');
        _sink.Send(_writer.Written);
    }

    private void OnUnsubscribe(ClientRequest request)
    {
        for (var c = 0; c < _channels.Length; c++)
        {
            if (_channels[c].Kind != ChannelKind.None && _channels[c].ChanId == request.ChanId)
            {
                _channels[c] = default;
                RebuildActiveInstruments();
                _writer.Reset();
                _writer.Raw("{\"event\":\"unsubscribed\",\"status\":\"OK\",\"chanId\":"u8);
                _writer.Integer(request.ChanId.Value);
                _writer.Byte((byte)'}');
                _sink.Send(_writer.Written);
                return;
            }
        }

        SendError(BitfinexCodes.NotSubscribed, "unsubscribe: invalid");
    }

    private void RebuildActiveInstruments()
    {
        _activeInstrumentCount = 0;
        for (var i = 0; i < _market.Count; i++)
        {
            for (var c = 0; c < _channels.Length; c++)
            {
                if (_channels[c].Kind != ChannelKind.None && _channels[c].Instrument == i)
                {
                    _activeInstruments[_activeInstrumentCount++] = i;
                    break;
                }
            }
        }
    }

    private void SendError(int code, string message)
    {
        _writer.Reset();
        _writer.Raw("{\"event\":\"error\",\"msg\":"u8);
        _writer.Quoted(message);
        _writer.Raw(",\"code\":"u8);
        _writer.Integer(code);
        _writer.Byte((byte)'}');
        _sink.Send(_writer.Written);
    }

    private void SendInfo(int code, string message) => SendCodeAndMessage("{\"event\":\"info\",\"code\":"u8, code, message);

    /// <summary>Sends <paramref name="head"/> (an event object up to its <c>"code":</c>), the code and the <c>"msg"</c>, closing the object.</summary>
    private void SendCodeAndMessage(ReadOnlySpan<byte> head, int code, string message)
    {
        _writer.Reset();
        _writer.Raw(head);
        _writer.Integer(code);
        _writer.Raw(",\"msg\":"u8);
        _writer.Quoted(message);
        _writer.Byte((byte)'}');
        _sink.Send(_writer.Written);
    }

    private void WriteServerId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _ids.NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i is 4 or 6 or 8 or 10)
            {
                _writer.Byte((byte)'-');
            }

            _writer.Byte((byte)"0123456789abcdef"[bytes[i] >> 4]);
            _writer.Byte((byte)"0123456789abcdef"[bytes[i] & 0xF]);
        }
    }

    private void ScheduleNextFault()
    {
        var dueMillis = _options.Faults.DueMillis(_faultOrdinal++, out _nextFault);
        _nextFaultNanos = dueMillis < 0 ? -1 : _startNanos + (dueMillis * 1_000_000);
    }

    private void Apply(in ScheduledFault fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.DropFrame:
                _dropNext = true;
                break;
            case FaultKind.CorruptChecksum:
                _corruptNextChecksum = true;
                break;
            case FaultKind.MalformedJson:
                SendMalformed();
                break;
            case FaultKind.Disconnect:
                IsClosed = true;
                _sink.Close(abrupt: true);
                break;
            case FaultKind.Stall:
                _stalledUntilNanos = Math.Max(_stalledUntilNanos, _nowNanos + (fault.StallMillis * 1_000_000L));
                break;
            case FaultKind.InfoReconnect:
                SendInfo(BitfinexCodes.Reconnect, "Stopping. Please try to reconnect");
                break;
            case FaultKind.MaintenanceStart:
                _maintenance = true;
                SendInfo(BitfinexCodes.MaintenanceStart, "Entering in Maintenance mode. Please pause any activity and resume after receiving the info message 20061 (it should take 120 seconds at most).");
                break;
            case FaultKind.MaintenanceEnd:
                _maintenance = false;
                SendInfo(BitfinexCodes.MaintenanceEnd, "Maintenance ended. You can resume normal activity. It is advised to unsubscribe/subscribe again all channels.");
                break;
            default:
                ArmOrderFault(fault);
                break;
        }
    }

    private void SendMalformed()
    {
        // A frame cut off mid-array, as a broken proxy or a truncated read would deliver it.
        var chanId = _nextChanId;
        for (var c = 0; c < _channels.Length; c++)
        {
            if (_channels[c].Kind != ChannelKind.None)
            {
                chanId = _channels[c].ChanId;
                break;
            }
        }

        _writer.Reset();
        _writer.Byte((byte)'[');
        _writer.Integer(chanId);
        _writer.Raw(",[1.5,2,"u8);
        _sink.Send(_writer.Written);
    }
}
