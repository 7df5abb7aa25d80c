using Velox.Simulator.Bitfinex;
using Velox.Simulator.Market;

namespace Velox.Simulator.Venues;

/// <summary>
/// Book levels as the venues print them, <c>["price","size"]</c> with quoted numbers: all decimals fixed
/// (Coinbase, Binance) or trimmed (<see cref="Trimmed"/>: Gate.io, Bybit).
/// </summary>
public static class LevelText
{
    /// <summary>Decimals value meaning "no trailing zeros".</summary>
    public const int Trimmed = -1;

    /// <summary>Writes <c>"raw/10^scale"</c> with <paramref name="decimals"/> decimals, or trimmed.</summary>
    public static void Quoted(FrameWriter writer, long raw, int scale, int decimals)
    {
        Span<byte> text = stackalloc byte[DecimalText.MaxLength];
        var n = decimals == Trimmed ? DecimalText.WriteTrimmed(raw, scale, text) : DecimalText.WriteFixed(raw, scale, decimals, text);
        writer.Byte((byte)'"');
        writer.Raw(text[..n]);
        writer.Byte((byte)'"');
    }

    /// <summary>Writes <c>["price","size"]</c>, preceded by a comma unless it is the first (<paramref name="index"/> 0).</summary>
    public static void Level(FrameWriter writer, int index, long price, long size, SimInstrumentSpec spec, int priceDecimals, int sizeDecimals)
    {
        writer.Raw(index == 0 ? "["u8 : ",["u8);
        Quoted(writer, price, spec.PriceScale, priceDecimals);
        writer.Byte((byte)',');
        Quoted(writer, size, spec.SizeScale, sizeDecimals);
        writer.Byte((byte)']');
    }

    /// <summary>Writes the current size (0 = gone) of every price in <paramref name="prices"/> as levels.</summary>
    public static void Changed(FrameWriter writer, ExchangeBookSide side, ReadOnlySpan<long> prices, SimInstrumentSpec spec, int priceDecimals, int sizeDecimals)
    {
        for (var i = 0; i < prices.Length; i++)
        {
            Level(writer, i, prices[i], SizeAt(side, prices[i]), spec, priceDecimals, sizeDecimals);
        }
    }

    /// <summary>Writes the best <paramref name="limit"/> levels of <paramref name="side"/>, best first.</summary>
    public static void Best(FrameWriter writer, ExchangeBookSide side, int limit, SimInstrumentSpec spec, int priceDecimals, int sizeDecimals)
    {
        var count = Math.Min(limit, side.Depth);
        for (var i = 0; i < count; i++)
        {
            Level(writer, i, side[i].Price, side[i].Size, spec, priceDecimals, sizeDecimals);
        }
    }

    /// <summary>The size resting at <paramref name="price"/>, 0 when the level is gone.</summary>
    public static long SizeAt(ExchangeBookSide side, long price)
    {
        var index = side.Find(price, out var found);
        return found ? side[index].Size : 0;
    }

    /// <summary>Decimals of the instrument's tick (a 0.01 tick at scale 8 prints 2 decimals).</summary>
    public static int TickDecimals(SimInstrumentSpec spec)
    {
        var decimals = spec.PriceScale;
        for (var tick = spec.TickRaw; tick % 10 == 0 && decimals > 0; tick /= 10)
        {
            decimals--;
        }

        return decimals;
    }
}
