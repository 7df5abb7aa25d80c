using System.Buffers.Text;

namespace Velox.Venues.Binance.Trading;

/// <summary>
/// Velox client order id ↔ Binance <c>newClientOrderId</c> (at most 36 characters of <c>[a-zA-Z0-9-_]</c>,
/// developers.binance.com "Trading endpoints": <c>^[\.A-Z\:/a-z0-9_-]{1,36}$</c>). The id is <c>vx</c> and the
/// Velox id in decimal (at most 21 characters); a cancel-replace gives the replacing order a new venue id
/// <c>vx{id}r{generation}</c>, so every venue order of one Velox order maps back to it, and events of a
/// replaced leg are recognised by their older generation.
/// </summary>
public static class BinanceClientIds
{
    /// <summary>Longest id Binance accepts.</summary>
    public const int MaxLength = 36;

    /// <summary>Writes the venue id of <paramref name="clientOrderId"/> at <paramref name="generation"/> (0: as placed).</summary>
    public static bool TryFormat(long clientOrderId, int generation, Span<byte> destination, out int written)
    {
        written = 0;
        if (clientOrderId <= 0 || generation < 0 || destination.Length < 2)
        {
            return false;
        }

        "vx"u8.CopyTo(destination);
        if (!Utf8Formatter.TryFormat(clientOrderId, destination[2..], out var n))
        {
            return false;
        }

        written = 2 + n;
        if (generation == 0)
        {
            return true;
        }

        if (destination.Length <= written || !Utf8Formatter.TryFormat(generation, destination[(written + 1)..], out var g))
        {
            written = 0;
            return false;
        }

        destination[written] = (byte)'r';
        written += 1 + g;
        return true;
    }

    /// <summary>Parses an id we sent; false for ids of orders placed elsewhere (web UI, other programs).</summary>
    public static bool TryParse(ReadOnlySpan<byte> venueId, out long clientOrderId, out int generation)
    {
        clientOrderId = 0;
        generation = 0;
        if (venueId.Length < 3 || venueId.Length > MaxLength || venueId[0] != (byte)'v' || venueId[1] != (byte)'x')
        {
            return false;
        }

        var rest = venueId[2..];
        if (!Utf8Parser.TryParse(rest, out clientOrderId, out var consumed) || clientOrderId <= 0 || rest[0] == (byte)'-' || rest[0] == (byte)'+')
        {
            clientOrderId = 0;
            return false;
        }

        if (consumed == rest.Length)
        {
            return true;
        }

        var tail = rest[consumed..];
        if (tail[0] != (byte)'r' || tail.Length < 2 || !Utf8Parser.TryParse(tail[1..], out generation, out var g) || g != tail.Length - 1 || generation <= 0)
        {
            clientOrderId = 0;
            generation = 0;
            return false;
        }

        return true;
    }
}
