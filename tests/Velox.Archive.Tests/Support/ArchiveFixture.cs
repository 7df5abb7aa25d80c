using System.Security.Cryptography;
using Velox.Archive.Catalog;
using Velox.Archive.Recording;
using Velox.Ipc;
using Velox.Ipc.Platform;
using Velox.Ipc.Publications;

namespace Velox.Archive.Tests.Support;

/// <summary>A unique /dev/shm directory holding an IPC directory (64 KiB terms) and an archive; deleted on dispose.</summary>
internal sealed class ArchiveFixture : IDisposable
{
    public const int TermLength = 64 * 1024;

    public ArchiveFixture()
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        Root = Path.Combine(root, $"velox-archive-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        ArchivePath = Path.Combine(Root, "archive");
        Options = new IpcOptions
        {
            Directory = Path.Combine(Root, "ipc"),
            TermLength = TermLength,
            Clock = SystemEpochClock.Instance,
            CountersCapacity = 128,
        };
        Ipc = new IpcDirectory(Options);
        Catalog = ArchiveCatalog.Open(ArchivePath);
    }

    public string Root { get; }

    public string ArchivePath { get; }

    public IpcOptions Options { get; }

    public IpcDirectory Ipc { get; }

    public ArchiveCatalog Catalog { get; }

    /// <summary>Messages of random sizes (1 .. maxSize bytes, so some are fragmented), each starting with its index.</summary>
    public static List<byte[]> RandomMessages(int count, int maxSize, int seed)
    {
        var random = new Random(seed);
        var messages = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var message = new byte[random.Next(4, maxSize + 1)];
            random.NextBytes(message);
            BitConverter.TryWriteBytes(message, i);
            messages.Add(message);
        }

        return messages;
    }

    /// <summary>SHA-256 over the length-prefixed messages in order.</summary>
    public static string Hash(IEnumerable<byte[]> messages)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var message in messages)
        {
            hash.AppendData(BitConverter.GetBytes(message.Length));
            hash.AppendData(message);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>SHA-256 of every file in the archive directory, by name.</summary>
    public Dictionary<string, string> HashFiles()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(ArchivePath))
        {
            result[Path.GetFileName(file)] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return result;
    }

    /// <summary>Records the messages published on a new stream and returns the stopped recording.</summary>
    public RecordingDescriptor Record(int streamId, IReadOnlyList<byte[]> messages, int segmentLength, bool compress = false, int gapMillis = 0)
    {
        using var publication = Ipc.AddExclusivePublication(streamId);
        using var subscription = Ipc.AddSubscription(streamId);
        using var recorder = new ArchiveRecorder(Catalog, subscription, new ArchiveRecorderOptions { SegmentLength = segmentLength, Compress = compress });
        Until(() => recorder.Status == RecorderStatus.Recording, () => publication.DoWork() + recorder.DoWork());
        foreach (var message in messages)
        {
            Offer(publication, message, () => recorder.DoWork());
            if (gapMillis > 0)
            {
                Until(() => recorder.Position == publication.Position, () => publication.DoWork() + recorder.DoWork());
                Thread.Sleep(gapMillis);
            }
        }

        Until(() => recorder.Position == publication.Position, () => publication.DoWork() + recorder.DoWork());
        recorder.Stop();
        return recorder.Descriptor;
    }

    public static void Offer(ExclusivePublication publication, byte[] message, Func<int> pump)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (publication.Offer(message) < 0)
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), "publication stayed back-pressured");
            publication.DoWork();
            pump();
        }
    }

    /// <summary>Runs <paramref name="work"/> until the condition holds (10 s limit); sleeps briefly when no work was done.</summary>
    public static void Until(Func<bool> condition, Func<int> work)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (!condition())
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), "condition not reached");
            if (work() == 0)
            {
                Thread.Yield();
            }
        }
    }

    public void Dispose()
    {
        Catalog.Dispose();
        Ipc.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
