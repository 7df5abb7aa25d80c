namespace Velox.Ipc.LogBuffers;

/// <summary>
/// Velox's own region in the unused part of the log metadata (from offset 512; Aeron uses up to 495),
/// for crash safety and the driverless conductor. Offsets are from the start of the metadata section.
/// Hot fields written by different parties sit on their own 64-byte lines.
/// </summary>
public static class VeloxLogHeader
{
    /// <summary>"VLXIPCLG" little-endian; written last (release) when the file is initialised.</summary>
    public const long Magic = 0x474C_4350_4958_4C56;

    public const int LayoutVersion = 1;

    public const int MagicOffset = 512;

    public const int LayoutVersionOffset = 520;

    /// <summary>i32: <see cref="KindExclusive"/> or <see cref="KindConcurrent"/>.</summary>
    public const int PublicationKindOffset = 524;

    /// <summary>i64 registration id of the publication instance doing the conductor duties; 0 = none (CAS to take over).</summary>
    public const int OwnerRegistrationIdOffset = 528;

    public const int OwnerPidOffset = 536;

    /// <summary>i64 start time of the owner process (clock ticks since boot, /proc/pid/stat field 22), guards against pid reuse.</summary>
    public const int OwnerStartTimeOffset = 544;

    /// <summary>i32 number of open publications sharing the log.</summary>
    public const int PublicationCountOffset = 552;

    public const int PublisherLimitCounterIdOffset = 556;

    public const int PublisherPositionCounterIdOffset = 560;

    public const int SessionIdOffset = 564;

    public const int StreamIdOffset = 568;

    /// <summary>i64 epoch ms refreshed by the owner's duty cycle.</summary>
    public const int HeartbeatOffset = 576;

    /// <summary>i32 bumped by subscribers after registering so the owner rescans the counters.</summary>
    public const int SubscriberGenerationOffset = 640;

    /// <summary>i64 position up to which the owner has zeroed the log.</summary>
    public const int CleanPositionOffset = 704;

    /// <summary>i64 highest subscriber position seen (limit when there are no subscribers).</summary>
    public const int ConsumerPositionOffset = 712;

    public const int KindExclusive = 1;

    public const int KindConcurrent = 2;
}
