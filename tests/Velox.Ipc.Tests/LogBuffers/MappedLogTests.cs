using Velox.Ipc.LogBuffers;
using Velox.Ipc.Tests.Support;
using static Velox.Ipc.LogBuffers.LogBufferDescriptor;

namespace Velox.Ipc.Tests.LogBuffers;

public unsafe class MappedLogTests
{
    [Test]
    public void CreateWritesAeronMetadataAndPrimesTails()
    {
        using var dir = new TestDirectory();
        var parameters = new LogParameters(65536, 1408, 32768, 1000, 77, 9, 42, VeloxLogHeader.KindExclusive, 5, 0, 1, 123);
        using var log = MappedLog.Create(Path.Combine(dir.Path, "a.logbuffer"), parameters);
        var m = log.Metadata;
        Assert.Multiple(() =>
        {
            Assert.That(log.FileLength, Is.EqualTo(ComputeLogLength(65536)));
            Assert.That(m - log.Buffer, Is.EqualTo(3 * 65536));
            Assert.That(*(long*)(m + 0), Is.EqualTo(1000L << 32));
            Assert.That(TermId(*(long*)(m + 8)), Is.EqualTo(1000 + 1 - 3));
            Assert.That(TermId(*(long*)(m + 16)), Is.EqualTo(1000 + 2 - 3));
            Assert.That(*(int*)(m + 24), Is.EqualTo(0));
            Assert.That(*(long*)(m + 128), Is.EqualTo(long.MaxValue));
            Assert.That(*(long*)(m + 256), Is.EqualTo(42));
            Assert.That(*(int*)(m + 264), Is.EqualTo(1000));
            Assert.That(*(int*)(m + 268), Is.EqualTo(32));
            Assert.That(*(int*)(m + 272), Is.EqualTo(1408));
            Assert.That(*(int*)(m + 276), Is.EqualTo(65536));
            Assert.That(*(int*)(m + 280), Is.EqualTo(4096));
            // Default frame header: length 0, version 0, flags 0xC0, type 1, session, stream, initial term id.
            Assert.That(*(m + 320 + 5), Is.EqualTo(0xC0));
            Assert.That(*(short*)(m + 320 + 6), Is.EqualTo(1));
            Assert.That(*(int*)(m + 320 + 12), Is.EqualTo(77));
            Assert.That(*(int*)(m + 320 + 16), Is.EqualTo(9));
            Assert.That(*(int*)(m + 320 + 20), Is.EqualTo(1000));
            Assert.That(*(long*)(m + VeloxLogHeader.MagicOffset), Is.EqualTo(VeloxLogHeader.Magic));
            Assert.That(*(int*)(m + VeloxLogHeader.OwnerPidOffset), Is.EqualTo(Environment.ProcessId));
            Assert.That(log.ProducerPosition(), Is.EqualTo(0));
        });
    }

    [Test]
    public void OpenRejectsForeignFilesNamingThem()
    {
        using var dir = new TestDirectory();
        var shortFile = Path.Combine(dir.Path, "short.logbuffer");
        File.WriteAllBytes(shortFile, new byte[100]);
        var foreign = Path.Combine(dir.Path, "foreign.logbuffer");
        File.WriteAllBytes(foreign, new byte[ComputeLogLength(65536)]);
        var empty = Path.Combine(dir.Path, "empty.logbuffer");
        File.WriteAllBytes(empty, []);

        Assert.That(() => MappedLog.Open(shortFile), Throws.TypeOf<InvalidDataException>().With.Message.Contains(shortFile));
        Assert.That(() => MappedLog.Open(foreign), Throws.TypeOf<InvalidDataException>().With.Message.Contains(foreign).And.Message.Contains("magic"));
        Assert.That(() => MappedLog.Open(empty), Throws.TypeOf<InvalidDataException>().With.Message.Contains(empty));
    }

    [Test]
    public void OpenRejectsAnotherLayoutVersion()
    {
        using var dir = new TestDirectory();
        var path = Path.Combine(dir.Path, "v.logbuffer");
        var parameters = new LogParameters(65536, 1408, 32768, 0, 1, 1, 1, VeloxLogHeader.KindExclusive, 1, 0, 1, 0);
        using (var log = MappedLog.Create(path, parameters))
        {
            *(int*)(log.Metadata + VeloxLogHeader.LayoutVersionOffset) = 99;
        }

        Assert.That(() => MappedLog.Open(path), Throws.TypeOf<InvalidDataException>().With.Message.Contains("version 99"));
    }
}
