using Velox.Ipc.Counters;
using Velox.Ipc.LogBuffers;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.Ipc.Tests.Support;

namespace Velox.Ipc.Tests.Publications;

/// <summary>
/// Invariants of the tuned offer/claim/poll paths: header layout after rotations (cached term id), payload copies at
/// every small length, exact back-pressure for TryClaim, the image's cached term across terms and throwing handlers.
/// </summary>
public unsafe class HotPathTests
{
    [Test]
    public void HeadersCarryTheRightTermIdAndOffsetInEveryTerm()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(9);
        using var subscription = fx.Ipc.AddSubscription(9);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);
        var log = publication.Log;
        var handler = new HeaderCheckingHandler(publication.SessionId, log.InitialTermId);
        var message = new byte[200];
        // Four terms: every partition is reused once, so a stale cached term id or term buffer would show.
        for (var i = 0; publication.Position < 4L * 65536; i++)
        {
            if ((i & 1) == 0 && publication.TryClaim(100, out var claim) > 0)
            {
                claim.Buffer.Fill(7);
                claim.Commit();
            }

            Pump.Offer(publication, message);
            publication.DoWork();
            subscription.Poll(ref handler, 100);
        }

        subscription.Poll(ref handler, 1000);
        subscription.Poll(ref handler, 1000);
        Assert.That(handler.Errors, Is.Empty);
        Assert.That(handler.Count, Is.GreaterThan(4 * 65536 / 512));
        Assert.That(subscription.Position, Is.EqualTo(publication.Position));
    }

    [Test]
    public void PayloadsOfEveryLengthUpTo200ArriveIntact()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);
        var handler = new CollectingHandler();
        for (var length = 0; length <= 200; length++)
        {
            var message = new byte[length];
            for (var i = 0; i < length; i++)
            {
                message[i] = (byte)((length * 31) + i);
            }

            Assert.That(Pump.Offer(publication, message), Is.GreaterThan(0));
            publication.DoWork();
            Assert.That(subscription.Poll(ref handler, 10), Is.EqualTo(1));
            Assert.That(handler.Messages[^1], Is.EqualTo(message), $"length {length}");
            // All in term 0 of a fresh (zeroed) log: nothing may be written past the payload.
            var frame = publication.Log.Term(0) + (handler.Positions[^1] - DataHeader.Align(length + DataHeader.Length));
            for (var i = DataHeader.Length + length; i < DataHeader.Align(length + DataHeader.Length); i++)
            {
                Assert.That(frame[i], Is.EqualTo(0), $"length {length}: byte {i} past the payload written");
            }
        }
    }

    [Test]
    public void TryClaimIsBackPressuredAtExactlyTheLimitWhileTheSubscriberStalls()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);
        var window = fx.Options.EffectiveTermWindowLength;
        long result;
        var claims = 0;
        // 96-byte payloads = 128-byte frames; the window is a multiple of 128.
        while ((result = publication.TryClaim(96, out var claim)) > 0)
        {
            claim.Commit();
            claims++;
        }

        Assert.That(result, Is.EqualTo(PublicationResult.BackPressured));
        Assert.That(publication.Position, Is.EqualTo(window), "stops exactly at subscriber position + window");
        Assert.That(claims, Is.EqualTo(window / 128));
        Assert.That(publication.Offer(new byte[1]), Is.EqualTo(PublicationResult.BackPressured), "offer agrees");

        // One frame consumed is below the trip (window / 8): still held at the same position.
        var handler = new CountingHandler();
        subscription.Poll(ref handler, 1);
        Assert.That(publication.TryClaim(96, out _), Is.EqualTo(PublicationResult.BackPressured));
        Assert.That(publication.Position, Is.EqualTo(window));

        subscription.Poll(ref handler, 10_000);
        Assert.That(publication.TryClaim(96, out var next), Is.EqualTo(window + 128));
        next.Commit();
        Assert.That(publication.PositionLimit, Is.EqualTo(subscription.Position + window));
    }

    [Test]
    public void AHandlerThatThrowsDoesNotGetTheFragmentAgainEvenAtATermEnd()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);
        var message = new byte[1024 - DataHeader.Length];
        var handler = new CollectingHandler();
        // 64 frames of 1024 bytes fill term 0 exactly; the 64th is the last frame of the term. The subscriber reads
        // the first 48 (the window is half a term) so the publisher can reach term 1.
        for (var i = 0; i < 65; i++)
        {
            message[0] = (byte)i;
            Assert.That(Pump.Offer(publication, message), Is.EqualTo((i + 1) * 1024L), "the 65th frame goes to the start of term 1");
            if (i is 31 or 47)
            {
                Assert.That(subscription.Poll(ref handler, 100), Is.EqualTo(i == 31 ? 32 : 16));
                publication.DoWork();
            }
        }

        var thrower = new ThrowingHandler { ThrowOn = 63 };
        Assert.That(() => subscription.Poll(ref thrower, 100), Throws.InvalidOperationException);
        Assert.That(subscription.Position, Is.EqualTo(65536), "past the frame whose handler threw");

        Assert.That(subscription.Poll(ref handler, 100), Is.EqualTo(1));
        Assert.That(handler.Messages[^1][0], Is.EqualTo(64), "next term's first frame, read from the right partition");
        Assert.That(*fx.Ipc.Counters.ValuePointer(SubPosCounterId(fx)), Is.EqualTo(65536 + 1024), "sub-pos caught up");
    }

    private static int SubPosCounterId(IpcFixture fx)
    {
        var counters = fx.Ipc.Counters;
        for (var id = 0; id < counters.Capacity; id++)
        {
            if (counters.State(id) == CountersDescriptor.RecordAllocated && counters.TypeId(id) == CounterTypes.SubscriberPosition)
            {
                return id;
            }
        }

        throw new InvalidOperationException("no sub-pos counter");
    }

    private struct ThrowingHandler : IFragmentHandler
    {
        public int ThrowOn;

        public readonly void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
        {
            if (payload[0] == ThrowOn)
            {
                throw new InvalidOperationException("handler failed");
            }
        }
    }

    private struct HeaderCheckingHandler(int sessionId, int initialTermId) : IFragmentHandler
    {
        public int Count;

        public List<string> Errors { get; } = [];

        public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
        {
            Count++;
            var frameStart = header.Position - DataHeader.Align(header.FrameLength);
            var expectedTermId = initialTermId + (int)(frameStart >> 16);
            if (header.TermId != expectedTermId || header.TermOffset != (int)(frameStart & 65535) ||
                header.SessionId != sessionId || header.StreamId != 9 || header.Flags != DataHeader.UnfragmentedFlags ||
                header.ReservedValue != 0 || header.FrameLength != payload.Length + DataHeader.Length)
            {
                Errors.Add($"at {frameStart}: term id {header.TermId} (expected {expectedTermId}), offset {header.TermOffset}, session {header.SessionId}, stream {header.StreamId}, flags {header.Flags}");
            }
        }
    }
}
