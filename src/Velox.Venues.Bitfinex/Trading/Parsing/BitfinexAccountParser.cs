using System.Runtime.CompilerServices;
using Velox.MarketData.Json;
using Velox.Venues.Bitfinex.Parsing;

namespace Velox.Venues.Bitfinex.Trading.Parsing;

/// <summary>
/// Allocation-free parser of account-channel frames <c>[0, TYPE, PAYLOAD, (seq, authSeq)]</c>: first split
/// (so the sequence numbers can be checked before anything is applied), then dispatch the payload to a
/// struct handler as views over the frame. Arrays are read by index and may be longer than documented
/// (the API appends fields without a version change); nulls read as 0 / empty.
/// </summary>
public static class BitfinexAccountParser
{
    /// <summary><c>ReadFields</c>: the value is not an array.</summary>
    private const int NotAnArray = -1;

    /// <summary><c>ReadFields</c>: the array is malformed or a field was refused.</summary>
    private const int MalformedArray = -2;

    /// <summary>An order array needs at least one element.</summary>
    private const int LeastOrderFields = 1;

    /// <summary>TYPE, CURRENCY, BALANCE are the least a wallet entry needs.</summary>
    private const int LeastWalletFields = 3;

    /// <summary>True when the frame is a channel-0 array (<c>[0,</c> after optional whitespace).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAccountFrame(ReadOnlySpan<byte> frame)
    {
        var s = new JsonScanner(frame);
        return s.TryConsume((byte)'[') && s.TryReadNumberToken(out var id) && id.Length == 1 && id[0] == (byte)'0' && s.TryConsume((byte)',');
    }

    /// <summary>Splits an account frame into type, payload and trailing integers.</summary>
    public static bool TrySplit(ReadOnlySpan<byte> frame, out AccountFrame result, out FrameError error)
    {
        result = default;
        var s = new JsonScanner(frame);
        if (!s.TryConsume((byte)'[') || !s.TryReadInt64(out var channel) || channel != 0 || !s.TryConsume((byte)','))
        {
            error = FrameError.Malformed;
            return false;
        }

        if (!s.TryReadString(out var tag))
        {
            error = FrameError.UnexpectedType;
            return false;
        }

        result.Kind = Classify(tag);
        if (result.Kind != AccountMessageKind.Heartbeat)
        {
            if (s.TryConsume((byte)',') && TrySplitFromEnd(frame, s.Position, ref result))
            {
                error = FrameError.None;
                return true;
            }

            result.TrailingCount = 0;
            if (!s.TryReadRawValue(out result.Payload))
            {
                error = FrameError.Malformed;
                return false;
            }
        }

        while (true)
        {
            if (s.TryConsume((byte)']'))
            {
                error = s.AtEnd ? FrameError.None : FrameError.Malformed;
                return error == FrameError.None;
            }

            if (!s.TryConsume((byte)',') || !s.TryReadNumberToken(out var token))
            {
                error = FrameError.Malformed;
                return false;
            }

            if (!JsonScanner.TryParseInt64(token, out var value))
            {
                error = FrameError.InvalidNumber;
                return false;
            }

            if (result.TrailingCount == 0)
            {
                result.Trailing0 = value;
            }
            else if (result.TrailingCount == 1)
            {
                result.Trailing1 = value;
            }

            result.TrailingCount++;
        }
    }

    /// <summary>
    /// Fast split: the payload runs to the last ']' or '}' before the trailing integers, found from the
    /// end, so the payload is not scanned twice (once here, once when dispatched). False sends the frame
    /// down the forward path, which validates everything.
    /// </summary>
    private static bool TrySplitFromEnd(ReadOnlySpan<byte> frame, int payloadStart, ref AccountFrame result)
    {
        var end = frame.Length;
        while (end > payloadStart && frame[end - 1] <= (byte)' ')
        {
            end--;
        }

        if (end == payloadStart || frame[end - 1] != (byte)']')
        {
            return false;
        }

        end--;
        long lastRead = 0;
        long secondRead = 0;
        var count = 0;
        while (true)
        {
            var j = end;
            while (j > payloadStart && frame[j - 1] <= (byte)' ')
            {
                j--;
            }

            var digitsEnd = j;
            while (j > payloadStart && ((uint)(frame[j - 1] - '0') <= 9 || frame[j - 1] == (byte)'-'))
            {
                j--;
            }

            if (j == digitsEnd)
            {
                break;
            }

            var k = j;
            while (k > payloadStart && frame[k - 1] <= (byte)' ')
            {
                k--;
            }

            if (k == payloadStart || frame[k - 1] != (byte)',' || count == 2 || !JsonScanner.TryParseInt64(frame[j..digitsEnd], out var value))
            {
                return false;
            }

            secondRead = lastRead;
            lastRead = value;
            count++;
            end = k - 1;
        }

        var payload = frame[payloadStart..end].Trim(" \t\r\n"u8);
        if (payload.Length < 2 || !((payload[0] == (byte)'[' && payload[^1] == (byte)']') || (payload[0] == (byte)'{' && payload[^1] == (byte)'}')))
        {
            return false;
        }

        result.Payload = payload;
        result.TrailingCount = count;
        result.Trailing0 = lastRead;
        result.Trailing1 = count == 2 ? secondRead : 0;
        return true;
    }

    /// <summary>Hands the payload of a split frame to <paramref name="handler"/>.</summary>
    public static bool TryDispatch<THandler>(in AccountFrame frame, ref THandler handler, out FrameError error)
        where THandler : struct, IBitfinexAccountHandler
    {
        error = FrameError.None;
        switch (frame.Kind)
        {
            case AccountMessageKind.Notification:
                if (TryReadNotification(frame.Payload, out var notification))
                {
                    handler.OnNotification(in notification);
                    return true;
                }

                break;
            case AccountMessageKind.OrderNew or AccountMessageKind.OrderUpdate or AccountMessageKind.OrderClose:
                if (TryReadOrder(frame.Payload, out var order))
                {
                    handler.OnOrder(frame.Kind, in order);
                    return true;
                }

                break;
            case AccountMessageKind.OrderSnapshot:
                var orders = ReadFields<OrderSnapshotEntry<THandler>, THandler>(frame.Payload, ref handler);
                if (orders >= 0)
                {
                    handler.OnOrderSnapshotEnd(orders);
                }

                return SnapshotRead(orders, out error);
            case AccountMessageKind.TradeExecuted or AccountMessageKind.TradeUpdate:
                if (TryReadTrade(frame.Payload, out var trade))
                {
                    handler.OnTrade(in trade, frame.Kind == AccountMessageKind.TradeUpdate);
                    return true;
                }

                break;
            case AccountMessageKind.WalletSnapshot:
                return SnapshotRead(ReadFields<WalletSnapshotEntry<THandler>, THandler>(frame.Payload, ref handler), out error);
            case AccountMessageKind.WalletUpdate:
                if (TryReadWallet(frame.Payload, out var wallet))
                {
                    handler.OnWallet(in wallet, snapshot: false);
                    return true;
                }

                break;
            default:
                return true;
        }

        error = FrameError.Malformed;
        return false;
    }

    /// <summary>Reads an order array.</summary>
    public static bool TryReadOrder(ReadOnlySpan<byte> array, out BitfinexOrder order)
    {
        order = default;
        return ReadFields<OrderFields, BitfinexOrder>(array, ref order) >= LeastOrderFields;
    }

    /// <summary>Reads an order array where the scanner stands into a default <paramref name="order"/>, leaving the scanner after the array.</summary>
    private static bool TryReadOrder(scoped ref JsonScanner s, scoped ref BitfinexOrder order) =>
        ReadFields<OrderFields, BitfinexOrder>(ref s, ref order) >= LeastOrderFields;

    /// <summary>Reads a trade array.</summary>
    public static bool TryReadTrade(ReadOnlySpan<byte> array, out BitfinexTrade trade)
    {
        trade = default;

        // ID, SYMBOL, MTS, ORDER_ID, EXEC_AMOUNT, EXEC_PRICE are the least a fill needs.
        return ReadFields<TradeFields, BitfinexTrade>(array, ref trade) >= 6;
    }

    /// <summary>Reads a wallet array.</summary>
    public static bool TryReadWallet(ReadOnlySpan<byte> array, out BitfinexWalletEntry wallet)
    {
        wallet = default;
        return ReadFields<WalletFields, BitfinexWalletEntry>(array, ref wallet) >= LeastWalletFields;
    }

    /// <summary>Reads a wallet array where the scanner stands into a default <paramref name="wallet"/>, leaving the scanner after the array.</summary>
    private static bool TryReadWallet(scoped ref JsonScanner s, scoped ref BitfinexWalletEntry wallet) =>
        ReadFields<WalletFields, BitfinexWalletEntry>(ref s, ref wallet) >= LeastWalletFields;

    /// <summary>Reads a notification array.</summary>
    public static bool TryReadNotification(ReadOnlySpan<byte> array, out BitfinexNotification notification)
    {
        notification = default;
        notification.Code = -1;
        return ReadFields<NotificationFields, BitfinexNotification>(array, ref notification) >= 7;
    }

    /// <summary>Classifies an order STATUS text by its prefix.</summary>
    public static BitfinexOrderStatus ClassifyStatus(ReadOnlySpan<byte> status) => status switch
    {
        _ when status.StartsWith("ACTIVE"u8) => BitfinexOrderStatus.Active,
        _ when status.StartsWith("EXECUTED"u8) => BitfinexOrderStatus.Executed,
        _ when status.StartsWith("PARTIALLY FILLED"u8) => BitfinexOrderStatus.PartiallyFilled,
        _ when status.StartsWith("CANCELED"u8) => BitfinexOrderStatus.Canceled,
        _ when status.StartsWith("POSTONLY CANCELED"u8) => BitfinexOrderStatus.PostOnlyCanceled,
        _ when status.StartsWith("IOC CANCELED"u8) => BitfinexOrderStatus.IocCanceled,
        _ when status.StartsWith("FOK CANCELED"u8) => BitfinexOrderStatus.FokCanceled,
        _ when status.StartsWith("INSUFFICIENT BALANCE"u8) => BitfinexOrderStatus.InsufficientBalance,
        _ when status.StartsWith("INSUFFICIENT MARGIN"u8) => BitfinexOrderStatus.InsufficientMargin,
        _ when status.StartsWith("RSN_DUST"u8) => BitfinexOrderStatus.Dust,
        _ when status.StartsWith("RSN_PAUSE"u8) => BitfinexOrderStatus.Paused,
        _ => BitfinexOrderStatus.Unknown,
    };

    /// <summary>Classifies the TEXT of an error notification into a reject code.</summary>
    public static BitfinexRejectCode ClassifyError(ReadOnlySpan<byte> text)
    {
        if (ContainsIgnoreCase(text, "balance"u8))
        {
            return BitfinexRejectCode.InsufficientBalance;
        }

        if (ContainsIgnoreCase(text, "minimum size"u8))
        {
            return BitfinexRejectCode.MinimumSize;
        }

        if (ContainsIgnoreCase(text, "not found"u8))
        {
            return BitfinexRejectCode.OrderNotFound;
        }

        if (ContainsIgnoreCase(text, "ratelimit"u8) || ContainsIgnoreCase(text, "rate limit"u8))
        {
            return BitfinexRejectCode.RateLimited;
        }

        if (ContainsIgnoreCase(text, "price"u8))
        {
            return BitfinexRejectCode.InvalidPrice;
        }

        return ContainsIgnoreCase(text, "invalid order"u8) ? BitfinexRejectCode.InvalidOrder : BitfinexRejectCode.Unknown;
    }


    /// <summary>Walks <paramref name="array"/> as <see cref="ReadFields{TFields, TTarget}(ref JsonScanner, ref TTarget)"/> does.</summary>
    private static int ReadFields<TFields, TTarget>(ReadOnlySpan<byte> array, scoped ref TTarget target)
        where TFields : struct, IArrayFields<TTarget>
        where TTarget : allows ref struct
    {
        var s = new JsonScanner(array);
        return ReadFields<TFields, TTarget>(ref s, ref target);
    }

    /// <summary>
    /// Walks the array where the scanner stands, handing each element to <typeparamref name="TFields"/> by
    /// position, and leaves the scanner after the array. Returns the element count, <see cref="NotAnArray"/>
    /// when no array stands there, or <see cref="MalformedArray"/> when it is malformed or a field is refused.
    /// </summary>
    private static int ReadFields<TFields, TTarget>(scoped ref JsonScanner s, scoped ref TTarget target)
        where TFields : struct, IArrayFields<TTarget>
        where TTarget : allows ref struct
    {
        if (!s.TryConsume((byte)'['))
        {
            return NotAnArray;
        }

        var index = 0;
        while (true)
        {
            var step = s.NextElement(ref index);
            if (step == JsonStep.End)
            {
                return index;
            }

            if (step != JsonStep.Item || !TFields.Read(ref target, index - 1, ref s))
            {
                return MalformedArray;
            }
        }
    }

    /// <summary>The outcome of a snapshot payload walked by <c>ReadFields</c>.</summary>
    private static bool SnapshotRead(int count, out FrameError error)
    {
        error = count >= 0 ? FrameError.None : count == NotAnArray ? FrameError.UnexpectedType : FrameError.Malformed;
        return count >= 0;
    }

    private static AccountMessageKind Classify(ReadOnlySpan<byte> tag)
    {
        if (tag.Length == 1)
        {
            return tag[0] == (byte)'n' ? AccountMessageKind.Notification : AccountMessageKind.Other;
        }

        if (tag.Length != 2)
        {
            return AccountMessageKind.Other;
        }

        return (tag[0] | (tag[1] << 8)) switch
        {
            'h' | ('b' << 8) => AccountMessageKind.Heartbeat,
            'o' | ('s' << 8) => AccountMessageKind.OrderSnapshot,
            'o' | ('n' << 8) => AccountMessageKind.OrderNew,
            'o' | ('u' << 8) => AccountMessageKind.OrderUpdate,
            'o' | ('c' << 8) => AccountMessageKind.OrderClose,
            't' | ('e' << 8) => AccountMessageKind.TradeExecuted,
            't' | ('u' << 8) => AccountMessageKind.TradeUpdate,
            'w' | ('s' << 8) => AccountMessageKind.WalletSnapshot,
            'w' | ('u' << 8) => AccountMessageKind.WalletUpdate,
            _ => AccountMessageKind.Other,
        };
    }

    /// <summary>An order array starts with a scalar; a multi-order payload starts with an array.</summary>
    private static bool IsOrderArray(JsonScanner probe)
    {
        if (!probe.TryConsume((byte)'['))
        {
            return false;
        }

        var first = probe.Peek();
        return first != (byte)'[' && first != (byte)']' && first != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNull(ReadOnlySpan<byte> raw) => raw.SequenceEqual("null"u8);

    /// <summary>A string without its quotes, a number token as it is, empty for null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Text(ReadOnlySpan<byte> raw)
    {
        if (raw.Length >= 2 && raw[0] == (byte)'"')
        {
            return raw[1..^1];
        }

        return IsNull(raw) ? default : raw;
    }

    /// <summary>An integer (bare or quoted); null reads as 0. Refuses fractions (ids and flags are integers).</summary>
    private static bool TryInt(ReadOnlySpan<byte> raw, out long value)
    {
        value = 0;
        var text = Text(raw);
        return text.IsEmpty || JsonScanner.TryParseInt64(text, out value);
    }

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerNeedle)
    {
        for (var i = 0; i + lowerNeedle.Length <= text.Length; i++)
        {
            var j = 0;
            while (j < lowerNeedle.Length && (text[i + j] | 0x20) == lowerNeedle[j])
            {
                j++;
            }

            if (j == lowerNeedle.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the elements of one kind of array into <typeparamref name="TTarget"/> by position.</summary>
    private interface IArrayFields<TTarget>
        where TTarget : allows ref struct
    {
        /// <summary>Reads the element at <paramref name="position"/> where the scanner stands; false refuses the array.</summary>
        static abstract bool Read(scoped ref TTarget target, int position, scoped ref JsonScanner s);
    }

    private readonly struct OrderFields : IArrayFields<BitfinexOrder>
    {
        public static bool Read(scoped ref BitfinexOrder order, int position, scoped ref JsonScanner s)
        {
            if (!s.TryReadRawValue(out var raw))
            {
                return false;
            }

            var ok = true;
            switch (position)
            {
                case 0:
                    ok = TryInt(raw, out order.Id);
                    break;
                case 1:
                    ok = TryInt(raw, out order.GroupId);
                    break;
                case 2:
                    ok = TryInt(raw, out order.Cid);
                    break;
                case 3:
                    order.Symbol = Text(raw);
                    break;
                case 4:
                    ok = TryInt(raw, out order.CreatedMs);
                    break;
                case 6:
                    order.Amount = Text(raw);
                    break;
                case 7:
                    order.AmountOriginal = Text(raw);
                    break;
                case 8:
                    order.Type = Text(raw);
                    break;
                case 12:
                    ok = TryInt(raw, out order.Flags);
                    break;
                case 13:
                    order.StatusText = Text(raw);
                    order.Status = ClassifyStatus(order.StatusText);
                    break;
                case 16:
                    order.Price = Text(raw);
                    break;
                case 17:
                    order.PriceAverage = Text(raw);
                    break;
            }

            if (ok)
            {
                order.FieldCount = position + 1;
            }

            return ok;
        }
    }

    private readonly struct TradeFields : IArrayFields<BitfinexTrade>
    {
        public static bool Read(scoped ref BitfinexTrade trade, int position, scoped ref JsonScanner s)
        {
            if (!s.TryReadRawValue(out var raw))
            {
                return false;
            }

            switch (position)
            {
                case 0:
                    return TryInt(raw, out trade.Id);
                case 1:
                    trade.Symbol = Text(raw);
                    break;
                case 2:
                    return TryInt(raw, out trade.CreatedMs);
                case 3:
                    return TryInt(raw, out trade.OrderId);
                case 4:
                    trade.ExecutedAmount = Text(raw);
                    break;
                case 5:
                    trade.ExecutedPrice = Text(raw);
                    break;
                case 8:
                    var ok = TryInt(raw, out var maker);
                    trade.Maker = maker > 0 ? 1 : maker < 0 ? -1 : 0;
                    return ok;
                case 9:
                    trade.Fee = Text(raw);
                    break;
                case 10:
                    trade.FeeCurrency = Text(raw);
                    break;
                case 11:
                    return TryInt(raw, out trade.Cid);
            }

            return true;
        }
    }

    private readonly struct WalletFields : IArrayFields<BitfinexWalletEntry>
    {
        public static bool Read(scoped ref BitfinexWalletEntry wallet, int position, scoped ref JsonScanner s)
        {
            if (!s.TryReadRawValue(out var raw))
            {
                return false;
            }

            switch (position)
            {
                case 0:
                    wallet.WalletType = Text(raw);
                    break;
                case 1:
                    wallet.Currency = Text(raw);
                    break;
                case 2:
                    wallet.Balance = Text(raw);
                    break;
                case 4:
                    wallet.Available = Text(raw);
                    break;
            }

            return true;
        }
    }

    private readonly struct NotificationFields : IArrayFields<BitfinexNotification>
    {
        public static bool Read(scoped ref BitfinexNotification notification, int position, scoped ref JsonScanner s)
        {
            if (position == 4 && IsOrderArray(s))
            {
                notification.HasOrder = TryReadOrder(ref s, ref notification.Order);
                return notification.HasOrder;
            }

            if (!s.TryReadRawValue(out var raw))
            {
                return false;
            }

            switch (position)
            {
                case 1:
                    notification.Type = Text(raw);
                    break;
                case 5:
                    return IsNull(raw) || TryInt(raw, out notification.Code);
                case 6:
                    notification.Status = Text(raw);
                    break;
                case 7:
                    notification.Text = Text(raw);
                    break;
            }

            return true;
        }
    }

    /// <summary>Reads the entries of an order snapshot, handing each to the handler.</summary>
    private readonly struct OrderSnapshotEntry<THandler> : IArrayFields<THandler>
        where THandler : struct, IBitfinexAccountHandler
    {
        public static bool Read(scoped ref THandler handler, int position, scoped ref JsonScanner s)
        {
            var order = default(BitfinexOrder);
            if (!TryReadOrder(ref s, ref order))
            {
                return false;
            }

            handler.OnOrder(AccountMessageKind.OrderSnapshot, in order);
            return true;
        }
    }

    /// <summary>Reads the entries of a wallet snapshot, handing each to the handler.</summary>
    private readonly struct WalletSnapshotEntry<THandler> : IArrayFields<THandler>
        where THandler : struct, IBitfinexAccountHandler
    {
        public static bool Read(scoped ref THandler handler, int position, scoped ref JsonScanner s)
        {
            var wallet = default(BitfinexWalletEntry);
            if (!TryReadWallet(ref s, ref wallet))
            {
                return false;
            }

            handler.OnWallet(in wallet, snapshot: true);
            return true;
        }
    }
}
