using Velox.Ipc.Platform;

namespace Velox.Ipc.Tests.Support;

/// <summary>A test directory, a manual clock and an <see cref="IpcDirectory"/> with a 64 KiB term.</summary>
internal sealed class IpcFixture : IDisposable
{
    private readonly TestDirectory _dir = new();

    public IpcFixture(int termLength = 64 * 1024, bool manualClock = true, long subscriberTimeout = 3000, long unblockTimeout = 15000)
    {
        Clock = new ManualClock();
        Options = new IpcOptions
        {
            Directory = _dir.Path,
            TermLength = termLength,
            Clock = manualClock ? Clock : SystemEpochClock.Instance,
            // A manual clock only moves between polls, so every poll must read it.
            MaxPollsPerClockRead = manualClock ? 1 : 64,
            SubscriberTimeoutMillis = subscriberTimeout,
            PublisherTimeoutMillis = 3000,
            UnblockTimeoutMillis = unblockTimeout,
            CountersCapacity = 128,
        };
        Ipc = new IpcDirectory(Options);
    }

    public ManualClock Clock { get; }

    public IpcOptions Options { get; }

    public IpcDirectory Ipc { get; }

    public string Path => _dir.Path;

    public IpcDirectory OpenAnother() => new(Options);

    public void Dispose()
    {
        Ipc.Dispose();
        _dir.Dispose();
    }
}
