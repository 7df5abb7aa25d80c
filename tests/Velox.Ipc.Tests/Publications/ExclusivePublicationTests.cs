using Velox.Ipc.LogBuffers;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.Ipc.Tests.Support;

namespace Velox.Ipc.Tests.Publications;

public unsafe class ExclusivePublicationTests
{
    private static readonly int[] FragmentLengths = [1376, 1376, 1376, 872];

    [Test]
    public void NotConnectedWithoutSubscriber()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(1);
        publication.DoWork();
        Assert.That(publication.Offer([1, 2, 3]), Is.EqualTo(PublicationResult.NotConnected));
        Assert.That(publication.Position, Is.EqualTo(0));
    }

    [Test]
    public void OfferWritesAeronFrameAndSubscriberReadsIt()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(7);
        using var subscription = fx.Ipc.AddSubscription(7);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);

        Assert.That(publication.Offer("hello"u8), Is.EqualTo(64));
        var log = publication.Log;
        var frame = log.Term(0);
        Assert.Multiple(() =>
        {
            Assert.That(*(int*)frame, Is.EqualTo(37));
            Assert.That(frame[DataHeader.VersionOffset], Is.EqualTo(0));
            Assert.That(frame[DataHeader.FlagsOffset], Is.EqualTo(0xC0));
            Assert.That(*(short*)(frame + DataHeader.TypeOffset), Is.EqualTo(DataHeader.TypeData));
            Assert.That(*(int*)(frame + DataHeader.TermOffsetOffset), Is.EqualTo(0));
            Assert.That(*(int*)(frame + DataHeader.SessionIdOffset), Is.EqualTo(publication.SessionId));
            Assert.That(*(int*)(frame + DataHeader.StreamIdOffset), Is.EqualTo(7));
            Assert.That(*(int*)(frame + DataHeader.TermIdOffset), Is.EqualTo(log.InitialTermId));
            Assert.That(*log.TailCounter(0), Is.EqualTo(LogBufferDescriptor.PackTail(log.InitialTermId, 64)));
        });

        var handler = new CollectingHandler();
        Assert.That(subscription.Poll(ref handler, 10), Is.EqualTo(1));
        Assert.That(handler.Messages[0], Is.EqualTo("hello"u8.ToArray()));
        Assert.That(handler.Positions[0], Is.EqualTo(64));
        Assert.That(subscription.Position, Is.EqualTo(64));
    }

    [Test]
    public void ClaimedFrameHasNegativeLengthAndIsInvisibleUntilCommit()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);

        Assert.That(publication.TryClaim(8, out var claim), Is.EqualTo(64));
        var frame = publication.Log.Term(0);
        Assert.That(*(int*)frame, Is.EqualTo(-40), "header goes in with a negative length first");
        Assert.That(*(short*)(frame + DataHeader.TypeOffset), Is.EqualTo(DataHeader.TypeData), "type is written together with the negative length");
        claim.Buffer.Fill(0xAB);
        Assert.That(publication.Offer([1]), Is.EqualTo(128), "a later frame is written behind the open claim");

        var handler = new CollectingHandler();
        Assert.That(subscription.Poll(ref handler, 10), Is.EqualTo(0), "reader stops at the uncommitted claim");
        Assert.That(subscription.Position, Is.EqualTo(0));

        claim.Commit();
        Assert.That(*(int*)frame, Is.EqualTo(40));
        Assert.That(subscription.Poll(ref handler, 10), Is.EqualTo(2));
        Assert.That(handler.Messages[0], Is.EqualTo(Enumerable.Repeat((byte)0xAB, 8).ToArray()));
        Assert.That(handler.Messages[1], Is.EqualTo(new byte[] { 1 }));
    }

    [Test]
    public void AbortedClaimBecomesPaddingThatReadersSkip()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);

        publication.TryClaim(100, out var claim);
        publication.Offer([9]);
        claim.Abort();
        var handler = new CollectingHandler();
        Assert.That(subscription.Poll(ref handler, 10), Is.EqualTo(1));
        Assert.That(handler.Messages[0], Is.EqualTo(new byte[] { 9 }));
        Assert.That(subscription.Position, Is.EqualTo(160 + 64));
    }

    [Test]
    public void PadsTheTermEndAndRotates()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);
        var log = publication.Log;
        var handler = new CountingHandler();
        var message = new byte[1000 - 32];
        // 65 frames of 1024 bytes end at 66560 > 65536: the 64th frame ends the term exactly.
        for (var i = 0; i < 64; i++)
        {
            Assert.That(publication.Offer(message), Is.EqualTo((i + 1) * 1024L));
            subscription.Poll(ref handler, 100);
        }

        Assert.That(publication.Offer(message), Is.EqualTo(PublicationResult.AdminAction), "term full: rotate");
        Assert.That(*log.ActiveTermCount, Is.EqualTo(1));
        Assert.That(LogBufferDescriptor.TermId(*log.TailCounter(1)), Is.EqualTo(log.InitialTermId + 1));
        Assert.That(publication.Offer(message), Is.EqualTo(65536 + 1024));

        // A frame that does not fit leaves padding behind it.
        var big = new byte[1300];
        long result;
        var padStart = 0L;
        while ((result = publication.Offer(big)) != PublicationResult.AdminAction)
        {
            Assert.That(result, Is.GreaterThan(0));
            padStart = result - 65536;
            subscription.Poll(ref handler, 100);
        }

        var pad = log.Term(1) + padStart;
        Assert.Multiple(() =>
        {
            Assert.That(publication.Position, Is.EqualTo(2 * 65536), "position moved to the start of term 2");
            Assert.That(*(short*)(pad + DataHeader.TypeOffset), Is.EqualTo(DataHeader.TypePad));
            Assert.That(*(int*)pad, Is.EqualTo(65536 - padStart), "padding runs to the end of the term");
            Assert.That(LogBufferDescriptor.TermOffset(*log.TailCounter(1), 65536), Is.EqualTo(65536));
        });
        subscription.Poll(ref handler, 1000);
        subscription.Poll(ref handler, 1000);
        Assert.That(subscription.Position, Is.EqualTo(2 * 65536));
        Assert.That(handler.Count, Is.EqualTo(65 + ((65536 - 1024) / 1344)));
    }

    [Test]
    public void FragmentsLargeMessagesContiguouslyAndAssemblerRebuildsThem()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);
        var message = new byte[5000];
        Random.Shared.NextBytes(message);

        Assert.That(publication.Offer(message), Is.EqualTo(1408 * 3 + DataHeader.Align(5000 - (3 * 1376) + 32)));
        var raw = new CollectingHandler();
        var image = subscription.Image!;
        var before = image.Position;
        Assert.That(image.Poll(ref raw, 10), Is.EqualTo(4));
        Assert.That(raw.Flags, Is.EqualTo(new byte[] { 0x80, 0, 0, 0x40 }));
        Assert.That(raw.Messages.Select(m => m.Length), Is.EqualTo(FragmentLengths));

        publication.Offer(message);
        publication.Offer([5]);
        var assembler = new FragmentAssembler<CollectingHandler>(new CollectingHandler(), publication.MaxMessageLength);
        Assert.That(image.Poll(ref assembler, 10), Is.EqualTo(5));
        Assert.That(assembler.Handler.Messages, Has.Count.EqualTo(2));
        Assert.That(assembler.Handler.Messages[0], Is.EqualTo(message));
        Assert.That(assembler.Handler.Messages[1], Is.EqualTo(new byte[] { 5 }));
        Assert.That(before, Is.EqualTo(0));
    }

    [Test]
    public void RejectsMessagesAboveTheMaximumAndClaimsAboveMtu()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);
        Assert.That(publication.MaxMessageLength, Is.EqualTo(8192));
        Assert.That(() => publication.Offer(new byte[8193]), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => publication.TryClaim(1377, out _), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ClosedPublicationReportsClosedAndEndsTheStream()
    {
        using var fx = new IpcFixture();
        var publication = fx.Ipc.AddExclusivePublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);
        publication.Offer([1, 2]);
        publication.Offer([3]);
        var position = publication.Position;
        publication.Dispose();
        Assert.That(publication.Offer([1]), Is.EqualTo(PublicationResult.Closed));

        var handler = new CollectingHandler();
        subscription.Poll(ref handler, 10);
        fx.Clock.Advance(200);
        subscription.Poll(ref handler, 10);
        Assert.That(handler.Messages, Has.Count.EqualTo(2));
        Assert.That(subscription.Image!.IsEndOfStream, Is.True);
        Assert.That(subscription.Position, Is.EqualTo(position));
        Assert.That(subscription.Status, Is.EqualTo(SubscriptionStatus.EndOfStream));
    }
}
