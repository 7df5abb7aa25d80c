namespace Velox.MarketData.Capture;

/// <summary>The recording formats of the shared capture files.</summary>
public enum CaptureFormat : byte
{
    /// <summary>Detect from the first bytes of the (decompressed) file.</summary>
    Auto = 0,

    /// <summary>cryptofeed v1: <c>&lt;ts&gt;: &lt;frame&gt;</c>, <c>&lt;url&gt; &lt;- &lt;ts&gt;: &lt;frame&gt;</c>, <c>&lt;url&gt; &lt;-&gt; &lt;ts&gt;</c>, <c>&lt;url&gt; -&gt; &lt;ts&gt;: &lt;body&gt;</c>.</summary>
    CryptofeedV1,

    /// <summary>cryptofeed v3 JSON Lines envelope <c>{"t":..,"conn":..,"ts":..,"data":"..."}</c> (already decompressed).</summary>
    CryptofeedV3,

    /// <summary>hftbacktest collector: <c>&lt;unix ns&gt; &lt;json&gt;</c> per line.</summary>
    Hftbacktest,

    /// <summary>Marfusios raw dump: frames joined by <c>;;</c>, no timestamps.</summary>
    DoubleSemicolon,

    /// <summary>One raw frame per line, no timestamps.</summary>
    FramePerLine,
}
