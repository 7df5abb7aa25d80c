namespace Velox.Venues.Okx.Parsing;

/// <summary>The top-level shape of a server frame.</summary>
public enum OkxMessageKind : byte
{
    /// <summary>Channel data: <c>{"arg":{...},"action":...,"data":[...]}</c>.</summary>
    Data = 0,

    /// <summary>An event: <c>{"event":"subscribe"|"unsubscribe"|"error",...}</c>.</summary>
    Event,

    /// <summary>The text <c>pong</c>, the answer to a text <c>ping</c>.</summary>
    Pong,
}
