namespace Velox.Venues.Htx.Compression;

/// <summary>Outcome of inflating one gzip frame.</summary>
public enum InflateStatus : byte
{
    Ok = 0,

    /// <summary>Not a gzip member (magic, method or flags wrong).</summary>
    BadHeader,

    /// <summary>The deflate data is invalid (bad block type, code, length or distance).</summary>
    BadData,

    /// <summary>The input ended inside the member.</summary>
    Truncated,

    /// <summary>The decompressed frame is larger than the output buffer.</summary>
    OutputFull,

    /// <summary>The trailer's CRC-32 or size does not match the decompressed bytes.</summary>
    ChecksumMismatch,
}
