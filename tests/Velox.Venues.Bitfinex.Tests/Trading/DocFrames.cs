namespace Velox.Venues.Bitfinex.Tests.Trading;

/// <summary>Account-channel frames copied from Bitfinex's WebSocket v2 documentation samples (compacted, values unchanged).</summary>
internal static class DocFrames
{
    /// <summary>docs.bitfinex.com/reference/ws-auth-trades, "Update (te)".</summary>
    public const string TradeExecuted = """[0,"te",[402088407,"tETHUST",1574963975602,34938060782,-0.2,153.57,"MARKET",0,-1,null,null,0]]""";

    /// <summary>docs.bitfinex.com/reference/ws-auth-trades, "Update (tu)".</summary>
    public const string TradeUpdate = """[0,"tu",[402088407,"tETHUST",1574963975602,34938060782,-0.2,153.57,"MARKET",0,-1,-0.061668,"USD"]]""";

    /// <summary>docs.bitfinex.com/reference/ws-auth-orders, "Snapshot ('os')".</summary>
    public const string OrderSnapshot = """[0,"os",[[34930659963,null,1574955083558,"tETHUSD",1574955083558,1574955083573,0.201104,0.201104,"EXCHANGE LIMIT",null,null,null,0,"ACTIVE",null,null,120,0,0,0,null,null,null,0,0,null,null,null,"BFX",null,null,null]]]""";

    /// <summary>docs.bitfinex.com/reference/ws-auth-orders, "Update ('on', 'ou', 'oc')".</summary>
    public const string OrderClose = """[0,"oc",[34930659963,null,1574955083558,"tETHUSD",1574955083558,1574955354487,0.201104,0.201104,"EXCHANGE LIMIT",null,null,null,0,"CANCELED",null,null,120,0,0,0,null,null,null,0,0,null,null,null,"BFX",null,null,null]]""";

    /// <summary>docs.bitfinex.com/reference/ws-auth-input-order-new, "Response sample".</summary>
    public const string OrderNew = """[0,"on",[1185815098,null,1575287436979,"tETHUSD",1575287438515,1575287438519,-2.5,-2.5,"LIMIT",null,null,null,0,"ACTIVE",null,null,230,0,0,0,null,null,null,0,0,null,null,null,"API>BFX",null,null,null]]""";

    /// <summary>docs.bitfinex.com/reference/ws-auth-input-order-update, "Response sample".</summary>
    public const string OrderUpdate = """[0,"ou",[1185815100,null,1575289350475,"tETHUSD",1575289351944,1575289447644,-3,-3,"LIMIT","LIMIT",null,null,0,"ACTIVE",null,null,240,0,0,0,null,null,null,0,0,null,null,null,"API>BFX",null,null,null]]""";

    /// <summary>docs.bitfinex.com/reference/ws-auth-notifications, "Update ('n')".</summary>
    public const string FundingNotification = """[0,"n",[1575282446099,"fon-req",null,null,[41238905,null,null,null,-1000,null,null,null,null,null,null,null,null,null,0.002,2,null,null,null,null,null],null,"SUCCESS","Submitting funding bid of 1000.0 USD at 0.2000 for 2 days."]]""";

    /// <summary>docs.bitfinex.com/reference/ws-auth-input-order-new: the documented n/on-req model filled with the page's response-sample values.</summary>
    public const string OrderNewRequestNotification = """[0,"n",[1575287438515,"on-req",null,null,[1185815098,null,1575287436979,"tETHUSD",1575287438515,1575287438515,-2.5,-2.5,"LIMIT",null,null,null,0,"ACTIVE",null,null,230,0,0,0,null,null,null,0,0,null,null,null,"API>BFX",null,null,null],null,"SUCCESS","Submitting limit sell order for -2.5 ETH."]]""";

    /// <summary>docs.bitfinex.com/reference/ws-auth-wallets, "Snapshot ('ws')".</summary>
    public const string WalletSnapshot = """[0,"ws",[["exchange","SAN",19.76,0,null,null,null]]]""";

    /// <summary>docs.bitfinex.com/reference/ws-auth-wallets, "Update ('wu')".</summary>
    public const string WalletUpdate = """[0,"wu",["exchange","BTC",1.61169184,0,null,"Exchange 0.01 BTC for USD @ 7804.6",{"reason":"TRADE","order_id":34988418651,"order_id_oppo":34990541044,"trade_price":"7804.6","trade_amount":"0.01"}]]""";

    /// <summary>docs.bitfinex.com/docs/ws-auth, "response" and "response-failure".</summary>
    public const string AuthOk = """{"event":"auth","status":"OK","chanId":0,"userId":269312,"caps":"{\"orders\": {\"read\": \"1\", \"write\": \"0\"}}"}""";

    public const string AuthFailed = """{"event":"auth","status":"FAIL","chanId":0,"code":10100}""";
}
