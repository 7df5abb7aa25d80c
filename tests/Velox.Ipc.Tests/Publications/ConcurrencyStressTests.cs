using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.Ipc.Tests.Support;

namespace Velox.Ipc.Tests.Publications;

/// <summary>Writers and readers on separate threads, racing; bounded in count and time.</summary>
public class ConcurrencyStressTests
{
    private const long TimeoutMillis = 20_000;

    [Test]
    public void ExclusivePublisherThreadManyRotationsRandomSizes()
    {
        using var fx = new IpcFixture(manualClock: false);
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription);
        const int Count = 40_000;
        var failure = (string?)null;
        var writer = new Thread(() =>
        {
            var random = new Random(1);
            var buffer = new byte[4 * 1408];
            var deadline = Environment.TickCount64 + TimeoutMillis;
            for (long i = 0; i < Count; i++)
            {
                var length = random.Next(TestMessages.HeaderLength, (i % 10 == 0) ? buffer.Length : 300);
                TestMessages.Write(buffer, 0, i, length);
                long result;
                while ((result = publication.Offer(buffer.AsSpan(0, length))) < 0)
                {
                    if (result is not (PublicationResult.BackPressured or PublicationResult.AdminAction) || Environment.TickCount64 > deadline)
                    {
                        failure = $"offer {i}: {result}";
                        return;
                    }

                    publication.DoWork();
                    Thread.Yield();
                }
            }
        });
        writer.Start();

        var assembler = new FragmentAssembler<VerifyingHandler>(new VerifyingHandler(1), publication.MaxMessageLength);
        var deadline = Environment.TickCount64 + TimeoutMillis;
        while (assembler.Handler.Received < Count && failure is null && Environment.TickCount64 < deadline)
        {
            if (subscription.Poll(ref assembler, 64) == 0)
            {
                Thread.Yield();
            }
        }

        writer.Join();
        Assert.That(failure, Is.Null);
        Assert.That(assembler.Handler.Received, Is.EqualTo(Count));
        Assert.That(assembler.Handler.Corrupt, Is.EqualTo(0));
        Assert.That(assembler.Handler.OutOfOrder, Is.EqualTo(0));
        Assert.That(assembler.DroppedMessages, Is.EqualTo(0));
        Assert.That(subscription.Position / fx.Options.TermLength, Is.GreaterThan(20), "many term rotations");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void SeveralPublisherThreadsOnOneLog(bool sharedInstance)
    {
        using var fx = new IpcFixture(manualClock: false);
        var owner = fx.Ipc.AddConcurrentPublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(owner.DoWork, subscription);
        const int Writers = 3;
        const int PerWriter = 15_000;
        var failures = 0;
        var threads = new Thread[Writers];
        for (var w = 0; w < Writers; w++)
        {
            var id = w;
            threads[w] = new Thread(() =>
            {
                var publication = sharedInstance || id == 0 ? owner : fx.Ipc.AddConcurrentPublication(1);
                var random = new Random(id);
                var buffer = new byte[3 * 1408];
                var deadline = Environment.TickCount64 + TimeoutMillis;
                for (long i = 0; i < PerWriter; i++)
                {
                    var length = random.Next(TestMessages.HeaderLength, (i % 16 == 0) ? buffer.Length : 200);
                    TestMessages.Write(buffer, id, i, length);
                    long result;
                    while ((result = publication.Offer(buffer.AsSpan(0, length))) < 0)
                    {
                        if (result is not (PublicationResult.BackPressured or PublicationResult.AdminAction) || Environment.TickCount64 > deadline)
                        {
                            Interlocked.Increment(ref failures);
                            return;
                        }

                        publication.DoWork();
                        Thread.Yield();
                    }
                }

                if (publication != owner)
                {
                    publication.Dispose();
                }
            });
            threads[w].Start();
        }

        var assembler = new FragmentAssembler<VerifyingHandler>(new VerifyingHandler(Writers), owner.MaxMessageLength);
        var deadlineMain = Environment.TickCount64 + TimeoutMillis;
        while (assembler.Handler.Received < Writers * PerWriter && Volatile.Read(ref failures) == 0 && Environment.TickCount64 < deadlineMain)
        {
            if (subscription.Poll(ref assembler, 64) == 0)
            {
                owner.DoWork();
                Thread.Yield();
            }
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        owner.Dispose();
        Assert.That(failures, Is.EqualTo(0));
        Assert.That(assembler.Handler.Received, Is.EqualTo(Writers * PerWriter));
        Assert.That(assembler.Handler.Corrupt, Is.EqualTo(0));
        Assert.That(assembler.Handler.OutOfOrder, Is.EqualTo(0));
        Assert.That(assembler.DroppedMessages, Is.EqualTo(0));
    }

    [Test]
    public void ReaderRacingWriterNeverSeesAPartialFrame()
    {
        using var fx = new IpcFixture(manualClock: false);
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription);
        const int Count = 30_000;
        var writer = new Thread(() =>
        {
            var deadline = Environment.TickCount64 + TimeoutMillis;
            for (var i = 0; i < Count && Environment.TickCount64 < deadline; i++)
            {
                // Claimed frames are filled slowly, byte by byte, to widen the race window.
                long result;
                BufferClaim claim;
                while ((result = publication.TryClaim(256, out claim)) < 0)
                {
                    publication.DoWork();
                    Thread.Yield();
                }

                var value = (byte)(i + 1);
                var buffer = claim.Buffer;
                for (var b = 0; b < buffer.Length; b++)
                {
                    buffer[b] = value;
                }

                claim.Commit();
            }
        });
        writer.Start();
        var handler = new UniformHandler();
        var deadline = Environment.TickCount64 + TimeoutMillis;
        while (handler.Count < Count && Environment.TickCount64 < deadline)
        {
            subscription.Poll(ref handler, 16);
        }

        writer.Join();
        Assert.That(handler.Count, Is.EqualTo(Count));
        Assert.That(handler.Torn, Is.EqualTo(0));
    }

    private struct UniformHandler : IFragmentHandler
    {
        public long Count;
        public long Torn;

        public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
        {
            var expected = (byte)(Count + 1);
            if (payload.Length != 256 || payload.IndexOfAnyExcept(expected) >= 0)
            {
                Torn++;
            }

            Count++;
        }
    }
}
