namespace Velox.Simulator.Bitfinex;

/// <summary>The "conf" flags the simulator honours (values from the Bitfinex WebSocket v2 docs).</summary>
public static class BitfinexFlags
{
    /// <summary>Appends a millisecond timestamp to every channel frame, after the sequence number if any.</summary>
    public const int Timestamp = 32768;

    /// <summary>Appends a per-connection sequence number to every channel frame, heartbeats included.</summary>
    public const int SeqAll = 65536;

    /// <summary>Sends [chanId,"cs",checksum] frames after book updates.</summary>
    public const int OrderBookChecksum = 131072;
}
