namespace Velox.Venues.Bitfinex.Parsing;

/// <summary>The <c>"event"</c> field of a Bitfinex event object.</summary>
public enum BitfinexEventKind : byte
{
    Unknown = 0,
    Info,
    Conf,
    Subscribed,
    Unsubscribed,
    Error,
    Pong,
    Auth,
}
