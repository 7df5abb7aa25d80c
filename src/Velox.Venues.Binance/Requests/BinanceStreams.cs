namespace Velox.Venues.Binance.Requests;

/// <summary>The public streams of one symbol.</summary>
[Flags]
public enum BinanceStreams : byte
{
    None = 0,

    /// <summary><c>&lt;symbol&gt;@depth@100ms</c> diffs (with a REST snapshot).</summary>
    Depth = 1,

    /// <summary><c>&lt;symbol&gt;@trade</c>.</summary>
    Trade = 2,

    /// <summary><c>&lt;symbol&gt;@aggTrade</c>.</summary>
    AggTrade = 4,

    /// <summary><c>&lt;symbol&gt;@bookTicker</c>.</summary>
    BookTicker = 8,
}
