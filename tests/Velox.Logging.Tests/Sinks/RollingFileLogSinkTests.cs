using System.Text;
using Velox.Core.Time;
using Velox.Logging.Sinks;
using Velox.Logging.Tests.Support;

namespace Velox.Logging.Tests.Sinks;

public class RollingFileLogSinkTests
{
    [Test]
    public void RotatesAtTheSizeLimitAndLosesNothing()
    {
        using var dir = new TempDirectory();
        var path = dir.File("velox.log");
        const int Records = 1_000;
        const long MaxBytes = 4_096;
        var catalog = new LogCatalog();
        var evt = catalog.Event(catalog.Component("md"), "tick", LogLevel.Info, LogField.Long("seq"), LogField.Decimal("px", 2));
        var sink = new RollingFileLogSink(path, MaxBytes, maxFiles: 100, bufferSize: 1_024);
        using (var logger = new Logger(catalog, new ReplayClock(), new LoggerOptions { RingCapacity = 2_048, EpochOffsetNanos = 0 }, sink))
        {
            for (var i = 0; i < Records; i++)
            {
                Assert.That(logger.Log(evt, i, 12_345), Is.True);
            }

            logger.Flush();
            Assert.That(sink.Rotations, Is.GreaterThan(10));
            Assert.That(sink.Errors, Is.Zero);
        }

        var files = Rotated(path);
        Assert.That(files, Has.Count.EqualTo(sink.Rotations + 1));
        foreach (var file in files)
        {
            var length = new FileInfo(file).Length;
            Assert.That(length, Is.LessThanOrEqualTo(MaxBytes), file);
            if (file != path)
            {
                Assert.That(length, Is.GreaterThan(MaxBytes - 200), "a file is rotated only when the next line would not fit: " + file);
            }
        }

        var sequences = files.Where(File.Exists).SelectMany(File.ReadAllLines)
            .Select(l => Line.Parse(l + "\n").Field("seq").GetInt64()).ToList();
        Assert.That(sequences, Is.EqualTo(Enumerable.Range(0, Records).Select(i => (long)i)), "oldest file first, every record exactly once");
    }

    [Test]
    public void KeepsOnlyMaxFilesRotatedFilesAndTheNewestLines()
    {
        using var dir = new TempDirectory();
        var path = dir.File("velox.log");
        using (var sink = new RollingFileLogSink(path, maxBytes: 1_000, maxFiles: 2, bufferSize: 256))
        {
            for (var i = 0; i < 500; i++)
            {
                sink.Write(Encoding.ASCII.GetBytes($"{{\"n\":{i:D5}}}\n"));
            }
        }

        Assert.That(File.Exists(path + ".1") && File.Exists(path + ".2"), Is.True);
        Assert.That(File.Exists(path + ".3"), Is.False);
        var lines = new[] { path + ".2", path + ".1", path }.SelectMany(File.ReadAllLines).ToList();
        var numbers = lines.Select(l => int.Parse(l[5..10], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(numbers[^1], Is.EqualTo(499));
        Assert.That(numbers, Is.EqualTo(Enumerable.Range(numbers[0], numbers.Count)), "the kept files are contiguous");
        Assert.That(numbers.Count, Is.GreaterThan(2 * (1_000 / 12)), "two full rotated files are kept");
    }

    [Test]
    public void AppendsToAnExistingFileAndCountsItsSize()
    {
        using var dir = new TempDirectory();
        var path = dir.File("sub/velox.log");
        Directory.CreateDirectory(dir.File("sub"));
        File.WriteAllText(path, new string('x', 900) + "\n");
        using (var sink = new RollingFileLogSink(path, maxBytes: 1_000, maxFiles: 1))
        {
            sink.Write("{\"a\":1}\n"u8);
            sink.Write(Encoding.ASCII.GetBytes("{\"b\":\"" + new string('y', 100) + "\"}\n"));
            Assert.That(sink.Rotations, Is.EqualTo(1));
        }

        Assert.That(File.ReadAllText(path + ".1"), Does.StartWith("xxx").And.EndWith("{\"a\":1}\n"));
        Assert.That(File.ReadAllText(path), Does.StartWith("{\"b\":"));
    }

    [Test]
    public void MaxFilesZeroTruncatesInsteadOfKeeping()
    {
        using var dir = new TempDirectory();
        var path = dir.File("velox.log");
        using (var sink = new RollingFileLogSink(path, maxBytes: 300, maxFiles: 0))
        {
            for (var i = 0; i < 100; i++)
            {
                sink.Write(Encoding.ASCII.GetBytes($"{{\"n\":{i:D5}}}\n"));
            }
        }

        Assert.That(Directory.GetFiles(dir.Path), Has.Length.EqualTo(1));
        Assert.That(File.ReadAllLines(path)[^1], Is.EqualTo("{\"n\":00099}"));
        Assert.That(new FileInfo(path).Length, Is.LessThanOrEqualTo(300));
    }

    [Test]
    public void AFailedRotationKeepsWritingToTheActiveFileAndRetriesAfterAnotherLimit()
    {
        using var dir = new TempDirectory();
        var path = dir.File("velox.log");
        Directory.CreateDirectory(path + ".1");
        using (var sink = new RollingFileLogSink(path, maxBytes: 1_000, maxFiles: 1))
        {
            for (var i = 0; i < 100; i++)
            {
                sink.Write(Encoding.ASCII.GetBytes($"{{\"n\":{i:D5}}}\n"));
            }

            Assert.That(sink.Rotations, Is.Zero);
            Assert.That(sink.Errors, Is.EqualTo(1), "one attempt at the limit, not one per line after it");
        }

        Assert.That(File.ReadAllLines(path), Has.Length.EqualTo(100), "nothing lost");
    }

    [Test]
    public void AnUnwritableLocationIsAClearErrorAtConstruction()
    {
        using var dir = new TempDirectory();
        var blocker = dir.File("not-a-dir");
        File.WriteAllText(blocker, "");
        Assert.That(() => new RollingFileLogSink(Path.Combine(blocker, "velox.log"), 1_000, 1), Throws.InstanceOf<IOException>());
    }

    private static List<string> Rotated(string path)
    {
        var files = new List<string>();
        for (var i = 1; File.Exists($"{path}.{i}"); i++)
        {
            files.Insert(0, $"{path}.{i}");
        }

        files.Add(path);
        return files;
    }
}
