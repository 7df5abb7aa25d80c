namespace Velox.Venues.Htx.Compression;

/// <summary>
/// Canonical Huffman code of RFC 1951 as code counts per length and symbols in code order, plus a
/// lookup table for codes of up to <see cref="FastBits"/> bits, rebuilt in place for every dynamic block
/// (no allocation after construction).
/// </summary>
internal sealed class HuffmanTable
{
    public const int MaxBits = 15;

    /// <summary>Codes this short decode with one table lookup; longer ones bit by bit.</summary>
    public const int FastBits = 9;

    private readonly short[] _offsets = new short[MaxBits + 1];

    public HuffmanTable(int maxSymbols)
    {
        Symbols = new short[maxSymbols];
    }

    /// <summary>Number of codes of each length (index 0 unused).</summary>
    public short[] Counts { get; } = new short[MaxBits + 1];

    /// <summary>Symbols ordered by code.</summary>
    public short[] Symbols { get; }

    /// <summary>
    /// Indexed by the next <see cref="FastBits"/> input bits (LSB first): <c>symbol &lt;&lt; 4 | length</c>
    /// of the code they start with, or 0 when that code is longer.
    /// </summary>
    public short[] Fast { get; } = new short[1 << FastBits];

    /// <summary>
    /// Builds the table from code lengths; false when the lengths over-subscribe the code space.
    /// An incomplete code is accepted (RFC 1951 allows a single distance code).
    /// </summary>
    public bool TryBuild(ReadOnlySpan<byte> lengths)
    {
        Array.Clear(Counts);
        foreach (var length in lengths)
        {
            Counts[length]++;
        }

        if (Counts[0] == lengths.Length)
        {
            return true;
        }

        var left = 1;
        for (var len = 1; len <= MaxBits; len++)
        {
            left = (left << 1) - Counts[len];
            if (left < 0)
            {
                return false;
            }
        }

        _offsets[1] = 0;
        for (var len = 1; len < MaxBits; len++)
        {
            _offsets[len + 1] = (short)(_offsets[len] + Counts[len]);
        }

        for (var symbol = 0; symbol < lengths.Length; symbol++)
        {
            if (lengths[symbol] != 0)
            {
                Symbols[_offsets[lengths[symbol]]++] = (short)symbol;
            }
        }

        BuildFast();
        return true;
    }

    private void BuildFast()
    {
        Array.Clear(Fast);
        var code = 0;
        var index = 0;
        for (var len = 1; len <= FastBits; len++)
        {
            for (var i = 0; i < Counts[len]; i++, code++)
            {
                // Deflate packs Huffman codes most significant bit first into an LSB-first stream.
                var reversed = 0;
                for (var b = 0; b < len; b++)
                {
                    reversed |= ((code >> b) & 1) << (len - 1 - b);
                }

                var entry = (short)((Symbols[index++] << 4) | len);
                for (var j = reversed; j < Fast.Length; j += 1 << len)
                {
                    Fast[j] = entry;
                }
            }

            code <<= 1;
        }
    }
}
