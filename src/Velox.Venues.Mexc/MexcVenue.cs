namespace Velox.Venues.Mexc;

/// <summary>
/// MEXC endpoints and venue names. The MEXC adapter is written from the published documentation and
/// .proto files and is NOT verified on real traffic (no recording exists yet).
/// </summary>
public static class MexcVenue
{
    /// <summary>Spot v3 market streams.</summary>
    public const string SpotWebSocketUrl = "wss://wbs-api.mexc.com/ws";

    /// <summary>Contract (futures) streams.</summary>
    public const string FuturesWebSocketUrl = "wss://contract.mexc.com/edge";

    /// <summary>REST base of both markets.</summary>
    public const string RestBaseUrl = "https://api.mexc.com";

    /// <summary>Registry venue name of a market.</summary>
    public static string Name(MexcMarket market) => market == MexcMarket.Spot ? "mexc" : "mexc-futures";
}
