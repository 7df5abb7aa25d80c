using Velox.Ipc.Counters;
using Velox.Ipc.Tests.Support;

namespace Velox.Ipc.Tests.Publications;

public unsafe class CountersFileTests
{
    [Test]
    public void AllocateWritesFieldsThenAllocatedStateAndFreeDelaysReuse()
    {
        using var dir = new TestDirectory();
        using var counters = CountersFile.OpenOrCreate(Path.Combine(dir.Path, "c.dat"), 16);
        var id = counters.Allocate(CounterTypes.SubscriberPosition, [1, 2, 3], "sub-pos: x", 10, 20, 30, -1, 1000);
        Assert.Multiple(() =>
        {
            Assert.That(id, Is.EqualTo(0));
            Assert.That(counters.State(id), Is.EqualTo(CountersDescriptor.RecordAllocated));
            Assert.That(counters.TypeId(id), Is.EqualTo(4));
            Assert.That(counters.RegistrationId(id), Is.EqualTo(10));
            Assert.That(counters.OwnerId(id), Is.EqualTo(20));
            Assert.That(counters.ReferenceId(id), Is.EqualTo(30));
            Assert.That(*counters.ValuePointer(id), Is.EqualTo(-1));
            Assert.That(counters.Label(id), Is.EqualTo("sub-pos: x"));
        });

        Assert.That(counters.Free(id, 11, 1000), Is.False, "wrong registration id");
        Assert.That(counters.Free(id, 10, 1000), Is.True);
        Assert.That(counters.State(id), Is.EqualTo(CountersDescriptor.RecordReclaimed));
        Assert.That(counters.Allocate(1, [], "a", 1, 1, 1, 0, 1001), Is.EqualTo(1), "reclaimed record not reused before its deadline");
        Assert.That(counters.Allocate(1, [], "b", 2, 1, 1, 0, 1000 + CountersFile.ReuseDelayMillis), Is.EqualTo(0));
    }

    [Test]
    public void ConcurrentAllocationGivesDistinctRecords()
    {
        using var dir = new TestDirectory();
        using var counters = CountersFile.OpenOrCreate(Path.Combine(dir.Path, "c.dat"), 256);
        var ids = new int[4][];
        Parallel.For(0, 4, t =>
        {
            ids[t] = new int[60];
            for (var i = 0; i < 60; i++)
            {
                ids[t][i] = counters.Allocate(1, [], "x", (t * 1000) + i, t, 0, 0, 0);
            }
        });

        var all = ids.SelectMany(x => x).ToArray();
        Assert.That(all, Is.All.GreaterThanOrEqualTo(0));
        Assert.That(all.Distinct().Count(), Is.EqualTo(240));
    }

    [Test]
    public void OpenRejectsForeignFile()
    {
        using var dir = new TestDirectory();
        var path = Path.Combine(dir.Path, "c.dat");
        File.WriteAllBytes(path, new byte[8192]);
        Assert.That(() => CountersFile.Open(path), Throws.TypeOf<InvalidDataException>().With.Message.Contains(path));
    }
}
