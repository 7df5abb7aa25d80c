namespace Velox.Venues.Coinbase.Parsing;

/// <summary>Allocation-free parse of the feed's UTC timestamps (<c>2021-04-17T16:43:37.089723Z</c>).</summary>
public static class IsoTime
{
    /// <summary>Unix milliseconds of <c>yyyy-MM-ddTHH:mm:ss[.fraction]Z</c>; fraction digits past milliseconds are cut.</summary>
    public static bool TryParseUnixMillis(ReadOnlySpan<byte> text, out long millis)
    {
        millis = 0;
        if (text.Length < 20 || text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] != (byte)'T'
            || text[13] != (byte)':' || text[16] != (byte)':' || text[^1] != (byte)'Z')
        {
            return false;
        }

        if (!TryDigits(text.Slice(0, 4), out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || !TryDigits(text.Slice(11, 2), out var hour) || !TryDigits(text.Slice(14, 2), out var minute) || !TryDigits(text.Slice(17, 2), out var second)
            || month is < 1 or > 12 || day is < 1 or > 31 || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var ms = 0;
        if (text.Length > 20)
        {
            if (text[19] != (byte)'.')
            {
                return false;
            }

            var fraction = text[20..^1];
            for (var i = 0; i < fraction.Length; i++)
            {
                var d = (uint)(fraction[i] - '0');
                if (d > 9)
                {
                    return false;
                }

                if (i < 3)
                {
                    ms = (ms * 10) + (int)d;
                }
            }

            for (var i = fraction.Length; i < 3; i++)
            {
                ms *= 10;
            }
        }
        else if (text.Length != 20)
        {
            return false;
        }

        millis = (((((DaysFromCivil(year, month, day) * 24) + hour) * 60 + minute) * 60 + second) * 1000) + ms;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            var d = (uint)(c - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }

    // Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    private static long DaysFromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - (era * 400);
        var dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146097L) + dayOfEra - 719468;
    }
}
