using Velox.Simulator.Market;
using Velox.Simulator.Matching;

namespace Velox.Simulator.Bitfinex;

/// <summary>
/// The venue's order and trade arrays, written the same way for the WebSocket account stream (os/on/ou/oc, te/tu)
/// and the REST history endpoints (orders history, order trades). Allocation-free.
/// </summary>
public static class BitfinexArrays
{
    /// <summary>
    /// Writes <c>[ID,GID,CID,SYMBOL,MTS_CREATE,MTS_UPDATE,AMOUNT,AMOUNT_ORIG,ORDER_TYPE,TYPE_PREV,MTS_TIF,_,FLAGS,STATUS,_,_,PRICE,
    /// PRICE_AVG,PRICE_TRAILING,PRICE_AUX_LIMIT,_,_,_,NOTIFY,HIDDEN,PLACED_ID,_,_,ROUTING,_,_,META]</c>; <paramref name="spec"/>
    /// null (an order on no instrument, e.g. a refused cancel of an unknown id) leaves everything but the ids null.
    /// </summary>
    public static void WriteOrder(FrameWriter writer, in SimOrderSnapshot o, SimInstrumentSpec? spec)
    {
        writer.Byte((byte)'[');
        NullableInteger(writer, o.Id);
        writer.Raw(",null,"u8);
        NullableInteger(writer, o.Cid);
        writer.Byte((byte)',');
        if (spec is null)
        {
            writer.Raw("null,null,null,null,null,null,null,null,null,0,null,null,null,null,null,null,null,null,null,null,0,0,null,null,null,\"API>BFX\",null,null,null]"u8);
            return;
        }

        writer.Quoted(spec.Symbol);
        writer.Byte((byte)',');
        NullableInteger(writer, o.MtsCreate);
        writer.Byte((byte)',');
        NullableInteger(writer, o.MtsUpdate);
        writer.Byte((byte)',');
        writer.Number(o.Amount, spec.SizeScale);
        writer.Byte((byte)',');
        writer.Number(o.AmountOrig, spec.SizeScale);
        writer.Byte((byte)',');
        WriteOrderType(writer, o.Type);
        writer.Raw(",null,null,null,"u8);
        writer.Integer(o.Flags);
        writer.Raw(",\""u8);
        WriteStatus(writer, o, spec.PriceScale, spec.SizeScale);
        writer.Raw("\",null,null,"u8);
        writer.Number(o.Price, spec.PriceScale);
        writer.Byte((byte)',');
        writer.Number(o.PriceAvg, spec.PriceScale);
        writer.Raw(",0,0,null,null,null,0,0,null,null,null,\"API>BFX\",null,null,null]"u8);
    }

    /// <summary>
    /// Writes the fill <paramref name="e"/> as <c>[ID,SYMBOL,MTS,ORDER_ID,EXEC_AMOUNT,EXEC_PRICE,ORDER_TYPE,ORDER_PRICE,MAKER,FEE,FEE_CURRENCY,CID]</c>;
    /// <paramref name="feeCurrency"/> null writes FEE and FEE_CURRENCY as null (a <c>te</c>).
    /// </summary>
    public static void WriteTrade(FrameWriter writer, in ExecutionEvent e, SimInstrumentSpec spec, string? feeCurrency)
    {
        ref readonly var o = ref e.Order;
        writer.Byte((byte)'[');
        writer.Integer(e.TradeId);
        writer.Byte((byte)',');
        writer.Quoted(spec.Symbol);
        writer.Byte((byte)',');
        writer.Integer(e.Mts);
        writer.Byte((byte)',');
        writer.Integer(o.Id);
        writer.Byte((byte)',');
        writer.Number(e.ExecAmount, spec.SizeScale);
        writer.Byte((byte)',');
        writer.Number(e.ExecPrice, spec.PriceScale);
        writer.Byte((byte)',');
        WriteOrderType(writer, o.Type);
        writer.Byte((byte)',');
        writer.Number(o.Type == SimOrderType.Market ? e.ExecPrice : o.Price, spec.PriceScale);
        writer.Raw(e.Maker ? ",1,"u8 : ",-1,"u8);
        if (feeCurrency is not null)
        {
            writer.Number(e.Fee, MatchingEngine.WalletScale);
            writer.Byte((byte)',');
            writer.Quoted(feeCurrency);
        }
        else
        {
            writer.Raw("null,null"u8);
        }

        writer.Byte((byte)',');
        NullableInteger(writer, o.Cid);
        writer.Byte((byte)']');
    }

    private static void NullableInteger(FrameWriter writer, long value)
    {
        if (value == 0)
        {
            writer.Raw("null"u8);
        }
        else
        {
            writer.Integer(value);
        }
    }

    private static void WriteOrderType(FrameWriter writer, SimOrderType type) => writer.Raw(type switch
    {
        SimOrderType.Market => "\"EXCHANGE MARKET\""u8,
        SimOrderType.ImmediateOrCancel => "\"EXCHANGE IOC\""u8,
        SimOrderType.FillOrKill => "\"EXCHANGE FOK\""u8,
        _ => "\"EXCHANGE LIMIT\""u8,
    });

    private static void WriteStatus(FrameWriter writer, in SimOrderSnapshot o, int priceScale, int sizeScale)
    {
        // The venue's ORDER_STATUS text: "EXECUTED @ 10883.0(0.002): was PARTIALLY FILLED @ 10882.0(0.001)".
        switch (o.Status)
        {
            case SimOrderStatus.Active:
                writer.Raw("ACTIVE"u8);
                return;
            case SimOrderStatus.PartiallyFilled:
                WriteFillText(writer, o.LastFillPrice, o.LastFillAmount, priceScale, sizeScale, partial: true);
                return;
            case SimOrderStatus.Executed:
                WriteFillText(writer, o.LastFillPrice, o.LastFillAmount, priceScale, sizeScale, partial: false);
                if (o.FillCount > 1)
                {
                    writer.Raw(": was "u8);
                    WriteFillText(writer, o.PrevFillPrice, o.PrevFillAmount, priceScale, sizeScale, partial: true);
                }

                return;
            case SimOrderStatus.PostOnlyCanceled:
                writer.Raw("POSTONLY CANCELED"u8);
                return;
            case SimOrderStatus.FokCanceled:
                writer.Raw("FILLORKILL CANCELED"u8);
                return;
            case SimOrderStatus.IocCanceled:
                writer.Raw("IOC CANCELED"u8);
                break;
            case SimOrderStatus.InsufficientBalance:
                writer.Raw("INSUFFICIENT BALANCE"u8);
                break;
            default:
                writer.Raw("CANCELED"u8);
                break;
        }

        if (o.FillCount > 0)
        {
            writer.Raw(" was: "u8);
            WriteFillText(writer, o.LastFillPrice, o.LastFillAmount, priceScale, sizeScale, partial: true);
        }
    }

    private static void WriteFillText(FrameWriter writer, long price, long amount, int priceScale, int sizeScale, bool partial)
    {
        writer.Raw(partial ? "PARTIALLY FILLED @ "u8 : "EXECUTED @ "u8);
        var start = writer.Length;
        writer.Number(price, priceScale);
        if (writer.Written[start..].IndexOfAny((byte)'.', (byte)'e') < 0)
        {
            // The status text prints prices as floats: 60000 becomes "60000.0".
            writer.Raw(".0"u8);
        }

        writer.Byte((byte)'(');
        writer.Number(amount, sizeScale);
        writer.Byte((byte)')');
    }
}
