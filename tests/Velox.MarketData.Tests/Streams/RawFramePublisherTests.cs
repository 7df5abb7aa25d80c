using Velox.Ipc;
using Velox.Ipc.Subscriptions;
using Velox.MarketData.Streams;

namespace Velox.MarketData.Tests.Streams;

public sealed class RawFramePublisherTests
{
    [TestCase(100)]
    [TestCase(5000)]
    public void Frames_arrive_whole_behind_a_raw_frame_header(int frameLength)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"velox-raw-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using var ipc = new IpcDirectory(new IpcOptions { Directory = directory, TermLength = 64 * 1024 });
            using var publication = ipc.AddExclusivePublication(11);
            using var subscription = ipc.AddSubscription(11);
            var reader = new FragmentAssembler<LastMessage>(new LastMessage(8192), 8192);
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (!publication.IsConnected || !subscription.IsConnected)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"not connected: subscription {subscription.Status}");
                publication.DoWork();
                subscription.Poll(ref reader, 10);
                Thread.Sleep(1);
            }

            var frame = new byte[frameLength];
            new Random(frameLength).NextBytes(frame);
            var publisher = new RawFramePublisher(publication, venueId: 1);
            publisher.OnRawFrame(frame, isText: false, receiveNanos: 123, connectionId: 4, connectionStart: true);
            while (reader.Handler.Count == 0 && DateTime.UtcNow < deadline)
            {
                subscription.Poll(ref reader, 16);
            }

            var message = reader.Handler.Message;
            Assert.That(publisher.Published, Is.EqualTo(1));
            Assert.That(RawFrameHeader.ReceiveNanos(message), Is.EqualTo(123));
            Assert.That(RawFrameHeader.ConnectionId(message), Is.EqualTo(4));
            Assert.That(RawFrameHeader.VenueId(message), Is.EqualTo(1));
            Assert.That(RawFrameHeader.Flags(message), Is.EqualTo(RawFrameHeader.BinaryFlag | RawFrameHeader.ConnectionStartFlag));
            Assert.That(RawFrameHeader.TryGetFrame(message, out var received), Is.True);
            Assert.That(received.ToArray(), Is.EqualTo(frame));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private struct LastMessage : IFragmentHandler
    {
        private readonly byte[] _buffer;
        private int _length;

        public LastMessage(int capacity) => _buffer = new byte[capacity];

        public int Count { get; private set; }

        public readonly ReadOnlySpan<byte> Message => _buffer.AsSpan(0, _length);

        public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
        {
            payload.CopyTo(_buffer);
            _length = payload.Length;
            Count++;
        }
    }
}
