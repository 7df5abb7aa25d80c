namespace Velox.MarketData.Capture;

/// <summary>What a recorded line is.</summary>
public enum CaptureDirection : byte
{
    /// <summary>A frame received from the venue.</summary>
    Inbound = 0,

    /// <summary>A frame the recorder sent to the venue (subscribe, conf, ...).</summary>
    Outbound,

    /// <summary>A (re)connect marker; the frame holds the address.</summary>
    Connect,

    /// <summary>A REST response body.</summary>
    Rest,

    /// <summary>Recorder metadata (configuration or header line).</summary>
    Meta,
}
