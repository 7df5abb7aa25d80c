using System.Buffers.Text;

namespace Velox.Venues.Bybit.Parsing;

/// <summary>
/// The 64-bit id of a public trade. Spot sends a decimal id (19 digits); linear sends a UUID, of which the first
/// 64 bits (the first 16 hex digits, sign bit cleared) serve as the id: unique in practice, stable
/// across replays, and no allocation.
/// </summary>
public static class BybitTradeId
{
    /// <summary>Parses a decimal id or a UUID text (<c>8-4-4-4-12</c> hex digits).</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long id)
    {
        id = -1;
        if (text.Length == 36 && text[8] == (byte)'-')
        {
            ulong bits = 0;
            var digits = 0;
            for (var i = 0; i < text.Length && digits < 16; i++)
            {
                var c = text[i];
                if (c == (byte)'-')
                {
                    continue;
                }

                var d = HexValue(c);
                if (d < 0)
                {
                    return false;
                }

                bits = (bits << 4) | (uint)d;
                digits++;
            }

            id = (long)(bits & long.MaxValue);
            return true;
        }

        return Utf8Parser.TryParse(text, out id, out var consumed) && consumed == text.Length && id >= 0;
    }

    private static int HexValue(byte c) =>
        (uint)(c - '0') <= 9 ? c - '0'
        : (uint)((c | 0x20) - 'a') <= 5 ? (c | 0x20) - 'a' + 10
        : -1;
}
