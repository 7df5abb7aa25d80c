using System.Runtime.CompilerServices;
using Velox.Logging.Ring;

namespace Velox.Logging.Tests.Ring;

public class LogRingTests
{
    [Test]
    public void RecordsAreOneFixedSize()
    {
        Assert.That(Unsafe.SizeOf<LogRecord>(), Is.EqualTo(LogRecord.Size));
        Assert.That(LogRecord.MaxFields, Is.EqualTo(13));
    }

    [Test]
    public void AFullRingRefusesAndCountsThenAcceptsOnceRead()
    {
        var ring = new LogRing(4);
        for (var i = 0; i < 4; i++)
        {
            Assert.That(Claim(ring, i), Is.True);
        }

        Assert.That(Claim(ring, 99), Is.False);
        Assert.That(Claim(ring, 99), Is.False);
        Assert.That(ring.Dropped, Is.EqualTo(2));

        Assert.That(ring.TryRead(out var first), Is.True);
        Assert.That(first.Values[0], Is.EqualTo(0));
        Assert.That(Claim(ring, 4), Is.True);
        var seen = new List<long>();
        while (ring.TryRead(out var r))
        {
            seen.Add(r.Values[0]);
        }

        Assert.That(seen, Is.EqualTo(new long[] { 1, 2, 3, 4 }));
        Assert.That(ring.Dropped, Is.EqualTo(2));
    }

    [Test]
    public void AClaimedButUncommittedSlotHoldsBackTheConsumer()
    {
        var ring = new LogRing(8);
        ref var slot = ref ring.TryClaim(out var position);
        slot.Values[0] = 1;
        Assert.That(Claim(ring, 2), Is.True);
        Assert.That(ring.TryRead(out _), Is.False, "the record behind an uncommitted one waits");
        LogRing.Commit(ref slot, position);
        Assert.That(ring.TryRead(out var a) && a.Values[0] == 1, Is.True);
        Assert.That(ring.TryRead(out var b) && b.Values[0] == 2, Is.True);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1000)]
    public void CapacityIsAPowerOfTwo(int capacity) =>
        Assert.That(() => new LogRing(capacity), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void ManyProducersOneConsumerEveryRecordOnceWholeAndInProducerOrder()
    {
        const int Producers = 4;
        const int PerProducer = 100_000;
        var ring = new LogRing(1024);
        var next = new long[Producers];
        long torn = 0, outOfOrder = 0, read = 0;
        using var start = new Barrier(Producers + 1);
        var done = 0;
        var consumer = new Thread(() =>
        {
            start.SignalAndWait();
            while (true)
            {
                // Read before trying: an empty ring after every producer finished means everything was read.
                var finished = Volatile.Read(ref done) == Producers;
                if (ring.TryRead(out var r))
                {
                    read++;
                    var p = r.Values[0];
                    var seq = r.Values[1];
                    if ((ulong)p >= Producers)
                    {
                        torn++;
                        continue;
                    }

                    for (var i = 2; i < LogRecord.MaxFields; i++)
                    {
                        if (r.Values[i] != Expected(p, seq, i) || r.FieldCount != LogRecord.MaxFields || r.Timestamp != seq)
                        {
                            torn++;
                            break;
                        }
                    }

                    if (seq < next[p])
                    {
                        outOfOrder++;
                    }

                    next[p] = seq + 1;
                }
                else if (finished)
                {
                    break;
                }
            }
        });
        consumer.Start();
        var threads = Enumerable.Range(0, Producers).Select(p => new Thread(() =>
        {
            start.SignalAndWait();
            for (long seq = 0; seq < PerProducer; seq++)
            {
                ref var slot = ref ring.TryClaim(out var position);
                if (Unsafe.IsNullRef(ref slot))
                {
                    // Full: let the consumer run so the test sees both outcomes in quantity.
                    Thread.Yield();
                    continue;
                }

                slot.Timestamp = seq;
                slot.FieldCount = LogRecord.MaxFields;
                slot.Values[0] = p;
                slot.Values[1] = seq;
                for (var i = 2; i < LogRecord.MaxFields; i++)
                {
                    slot.Values[i] = Expected(p, seq, i);
                }

                LogRing.Commit(ref slot, position);
            }

            Interlocked.Increment(ref done);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.That(t.Join(TimeSpan.FromSeconds(60)), Is.True));
        Assert.That(consumer.Join(TimeSpan.FromSeconds(60)), Is.True);

        Assert.That(torn, Is.Zero);
        Assert.That(outOfOrder, Is.Zero, "records of one producer keep their order, so none can repeat");
        Assert.That(read + ring.Dropped, Is.EqualTo(Producers * PerProducer), "every record is read or counted as dropped");
        Assert.That(ring.Claimed, Is.EqualTo(read));
        TestContext.Out.WriteLine($"read {read}, dropped {ring.Dropped}");
    }

    private static long Expected(long producer, long seq, int field) => (producer << 56) ^ (seq * 31) ^ ((long)field << 40);

    private static bool Claim(LogRing ring, long value)
    {
        ref var slot = ref ring.TryClaim(out var position);
        if (Unsafe.IsNullRef(ref slot))
        {
            return false;
        }

        slot.Values[0] = value;
        LogRing.Commit(ref slot, position);
        return true;
    }
}
