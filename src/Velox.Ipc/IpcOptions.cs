using Velox.Ipc.LogBuffers;
using Velox.Ipc.Platform;

namespace Velox.Ipc;

/// <summary>Configuration of an IPC directory; publishers and subscribers of a stream must agree on the directory.</summary>
public sealed class IpcOptions
{
    /// <summary>Directory holding the log files and the counters file; default /dev/shm/velox-&lt;user&gt;.</summary>
    public string Directory { get; init; } = DefaultDirectory();

    /// <summary>Term length of new logs: a power of two, 64 KiB … 1 GiB.</summary>
    public int TermLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>Largest frame (header included); payloads above MTU − 32 are fragmented.</summary>
    public int Mtu { get; init; } = 1408;

    /// <summary>How far the publisher may run ahead of the slowest subscriber; 0 = TermLength / 2.</summary>
    public int TermWindowLength { get; init; }

    /// <summary>Number of records in the counters file (created by the first process).</summary>
    public int CountersCapacity { get; init; } = 1024;

    /// <summary>Interval of the publisher's and subscribers' heartbeats.</summary>
    public long HeartbeatIntervalMillis { get; init; } = 100;

    /// <summary>A publisher whose heartbeat is older than this is reported dead by subscribers.</summary>
    public long PublisherTimeoutMillis { get; init; } = 3000;

    /// <summary>A subscriber whose heartbeat is older than this is dropped from flow control.</summary>
    public long SubscriberTimeoutMillis { get; init; } = 3000;

    /// <summary>A log blocked by a half-written frame this long is unblocked with padding.</summary>
    public long UnblockTimeoutMillis { get; init; } = 15000;

    public IEpochClock Clock { get; init; } = SystemEpochClock.Instance;

    /// <summary>
    /// Most polls between two clock reads in <see cref="Subscriptions.Subscription.Poll{THandler}"/> (the system clock
    /// costs about as much as a whole poll). Reached only while polls come less than a millisecond apart; 1 = every poll.
    /// </summary>
    public int MaxPollsPerClockRead { get; init; } = 64;

    /// <summary>Effective publisher window.</summary>
    public int EffectiveTermWindowLength => TermWindowLength > 0 ? Math.Min(TermWindowLength, TermLength / 2) : TermLength / 2;

    public static string DefaultDirectory() => System.IO.Path.Combine("/dev/shm", $"velox-{Environment.UserName}");

    /// <summary>Throws <see cref="ArgumentException"/> for an invalid configuration.</summary>
    public void Validate()
    {
        if (!LogBufferDescriptor.IsValidTermLength(TermLength))
        {
            throw new ArgumentException($"TermLength {TermLength} must be a power of two in 64 KiB .. 1 GiB");
        }

        if (Mtu < DataHeader.Length * 2 || Mtu % DataHeader.FrameAlignment != 0 || Mtu > TermLength / 8)
        {
            throw new ArgumentException($"Mtu {Mtu} must be a multiple of 32, at least 64 and at most TermLength / 8");
        }

        if (MaxPollsPerClockRead < 1)
        {
            throw new ArgumentException($"MaxPollsPerClockRead {MaxPollsPerClockRead} must be at least 1");
        }

        if (CountersCapacity < 16)
        {
            throw new ArgumentException($"CountersCapacity {CountersCapacity} must be at least 16");
        }

        if (HeartbeatIntervalMillis <= 0 || PublisherTimeoutMillis <= HeartbeatIntervalMillis || SubscriberTimeoutMillis <= HeartbeatIntervalMillis)
        {
            throw new ArgumentException("timeouts must exceed the heartbeat interval");
        }
    }
}
