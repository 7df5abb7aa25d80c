namespace Velox.Venues.Mexc;

/// <summary>Which MEXC market a connection serves.</summary>
public enum MexcMarket : byte
{
    /// <summary>Spot v3 (<c>wss://wbs-api.mexc.com/ws</c>): protobuf pushes, JSON replies.</summary>
    Spot = 0,

    /// <summary>USDT-M perpetual contracts (<c>wss://contract.mexc.com/edge</c>): JSON pushes.</summary>
    Futures,
}
