namespace Velox.Archive.Catalog;

/// <summary>
/// Layout of catalog.dat: a 128-byte header, then one 128-byte record per recording (recording id = record
/// index). Every record carries a magic and a CRC-32 over its first 124 bytes, so a torn or corrupted record
/// is recognised on its own without condemning the others. Little-endian throughout.
/// </summary>
public static class CatalogLayout
{
    /// <summary>"VLXARCAT" little-endian.</summary>
    public const long FileMagic = 0x5441_4352_4158_4C56;

    public const int FileVersion = 1;

    public const int HeaderLength = 128;

    public const int FileMagicOffset = 0;

    public const int FileVersionOffset = 8;

    public const int FileRecordLengthOffset = 12;

    public const int RecordLength = 128;

    /// <summary>"VREC" little-endian.</summary>
    public const int RecordMagic = 0x4345_5256;

    public const int RecordMagicOffset = 0;

    /// <summary>i32 <see cref="RecordingState"/>.</summary>
    public const int StateOffset = 4;

    public const int RecordingIdOffset = 8;

    public const int StartPositionOffset = 16;

    /// <summary>i64 position up to which the segments hold frames; advanced while recording.</summary>
    public const int StopPositionOffset = 24;

    /// <summary>i64 epoch nanoseconds.</summary>
    public const int StartTimeOffset = 32;

    /// <summary>i64 epoch nanoseconds of the last update.</summary>
    public const int StopTimeOffset = 40;

    public const int StreamIdOffset = 48;

    public const int SessionIdOffset = 52;

    public const int InitialTermIdOffset = 56;

    public const int TermLengthOffset = 60;

    public const int MtuOffset = 64;

    public const int SegmentFileLengthOffset = 68;

    /// <summary>i32 bit flags, see <see cref="FlagCompressed"/>.</summary>
    public const int FlagsOffset = 72;

    /// <summary>u32 CRC-32 (IEEE) of bytes [0, <see cref="CrcOffset"/>).</summary>
    public const int CrcOffset = 124;

    /// <summary>Closed segments are gzip-compressed.</summary>
    public const int FlagCompressed = 1;

    /// <summary>File offset of a recording's record.</summary>
    public static long RecordOffset(long recordingId) => HeaderLength + (recordingId * RecordLength);
}
