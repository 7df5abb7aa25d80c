namespace Velox.Core;

/// <summary>Book side or order side. Bid = buy, Ask = sell.</summary>
public enum Side : byte
{
    Bid = 0,
    Ask = 1,
}
