namespace Velox.Trading.Orders;

/// <summary>Extra order instructions.</summary>
[Flags]
public enum OrderFlags : byte
{
    None = 0,

    /// <summary>The order may only reduce the position (checked by risk against the projected position).</summary>
    ReduceOnly = 1,
}
