namespace Velox.Venues.Bybit.Parsing;

/// <summary>The top-level shape of a server frame.</summary>
public enum BybitMessageKind : byte
{
    /// <summary>Topic data: <c>{"topic":..,"type":"snapshot"|"delta","data":..}</c>.</summary>
    Data = 0,

    /// <summary>The answer to a request: <c>{"success":..,"ret_msg":..,"op":..}</c> (subscribe ack, pong).</summary>
    Reply,
}
