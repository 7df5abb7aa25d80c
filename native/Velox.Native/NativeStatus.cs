namespace Velox.Native;

/// <summary>
/// Status codes of the C API (velox.h VELOX_*): non-negative is success (for velox_feed, the frame
/// outcome), negative is an error. The values are ABI: never renumber.
/// </summary>
public static class NativeStatus
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A required pointer argument was NULL.</summary>
    public const int NullArgument = -1;

    /// <summary>The engine handle is not a live handle from velox_engine_create.</summary>
    public const int InvalidHandle = -2;

    /// <summary>The venue name is not supported.</summary>
    public const int UnknownVenue = -3;

    /// <summary>An argument is out of range (e.g. a frame longer than 2 GiB).</summary>
    public const int InvalidArgument = -4;

    /// <summary>The venue session rejected the frame; it is counted in the stats (errors, last_error).</summary>
    public const int FrameRejected = -5;

    /// <summary>No order book is held for the symbol.</summary>
    public const int NoBook = -6;

    /// <summary>An unexpected exception was caught at the ABI boundary (a bug in Velox).</summary>
    public const int Internal = -100;
}
