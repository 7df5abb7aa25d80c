namespace Velox.MarketData.Json;

/// <summary>Result of moving to the next member of an object or element of an array.</summary>
public enum JsonStep : byte
{
    /// <summary>Positioned on the next value (after its name, for object members).</summary>
    Item = 0,

    /// <summary>The closing bracket was consumed.</summary>
    End,

    /// <summary>Neither a separator nor a closing bracket follows: the text is not the JSON expected.</summary>
    Malformed,
}
