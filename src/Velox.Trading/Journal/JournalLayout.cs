namespace Velox.Trading.Journal;

/// <summary>
/// Byte layout of the audit journal: a 64-byte file header, then fixed 96-byte records. Little-endian
/// throughout. Every record carries a magic, a sequence number (from 1, no gaps) and a CRC-32 (IEEE)
/// over its first 92 bytes, so a torn tail or a corrupted record is recognised on its own.
/// </summary>
public static class JournalLayout
{
    /// <summary>"VLXJRNL1" little-endian.</summary>
    public const long FileMagic = 0x314C_4E52_4A58_4C56;

    public const int FileVersion = 1;

    public const int HeaderLength = 64;

    public const int FileMagicOffset = 0;

    public const int FileVersionOffset = 8;

    public const int FileRecordLengthOffset = 12;

    /// <summary>i64 epoch nanoseconds when the journal was created.</summary>
    public const int FileCreatedOffset = 16;

    /// <summary>u32 CRC-32 of header bytes [0, 60).</summary>
    public const int FileCrcOffset = 60;

    public const int RecordLength = 96;

    /// <summary>"VJR1" little-endian.</summary>
    public const int RecordMagic = 0x3152_4A56;

    public const int RecordMagicOffset = 0;

    /// <summary>u16 <see cref="JournalRecordType"/>.</summary>
    public const int TypeOffset = 4;

    /// <summary>u16 risk reason, report outcome or venue reject code, by record type.</summary>
    public const int CodeOffset = 6;

    public const int SequenceOffset = 8;

    /// <summary>i64 monotonic nanoseconds (injected clock).</summary>
    public const int MonotonicNanosOffset = 16;

    /// <summary>i64 wall-clock epoch nanoseconds.</summary>
    public const int WallNanosOffset = 24;

    public const int ClientOrderIdOffset = 32;

    public const int VenueOrderIdOffset = 40;

    public const int FillIdOffset = 48;

    public const int PriceOffset = 56;

    public const int QuantityOffset = 64;

    /// <summary>i64 fee at the fee scale (fills).</summary>
    public const int FeeOffset = 72;

    /// <summary>u16 instrument id.</summary>
    public const int InstrumentOffset = 80;

    public const int SideOffset = 82;

    public const int OrderTypeOffset = 83;

    public const int TimeInForceOffset = 84;

    public const int FlagsOffset = 85;

    public const int LiquidityOffset = 86;

    /// <summary>u8 execution report type (reports).</summary>
    public const int ExecTypeOffset = 87;

    /// <summary>u32 reserved, zero.</summary>
    public const int ReservedOffset = 88;

    /// <summary>u32 CRC-32 of record bytes [0, 92).</summary>
    public const int CrcOffset = 92;
}
