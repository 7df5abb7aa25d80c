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

    [Test]
    public void A_rest_response_arrives_as_its_request_line_and_body_behind_the_rest_flag()
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

            var request = "/api/v3/depth?symbol=BTCUSDT&limit=1000"u8.ToArray();
            var body = new byte[6000];
            new Random(6).NextBytes(body);
            var publisher = new RawFramePublisher(publication, venueId: 2);
            publisher.OnRestResponse(request, body, receiveNanos: 77, connectionId: 3, connectionStart: true);
            publisher.OnRestResponse("/bad\nrequest"u8, body, receiveNanos: 78, connectionId: 3, connectionStart: false);
            while (reader.Handler.Count == 0 && DateTime.UtcNow < deadline)
            {
                subscription.Poll(ref reader, 16);
            }

            var message = reader.Handler.Message;
            Assert.That(publisher.Published, Is.EqualTo(1));
            Assert.That(publisher.Dropped, Is.EqualTo(1), "a request holding the terminator is not recorded");
            Assert.That(RawFrameHeader.ReceiveNanos(message), Is.EqualTo(77));
            Assert.That(RawFrameHeader.ConnectionId(message), Is.EqualTo(3));
            Assert.That(RawFrameHeader.VenueId(message), Is.EqualTo(2));
            Assert.That(RawFrameHeader.Flags(message), Is.EqualTo(RawFrameHeader.RestResponseFlag | RawFrameHeader.ConnectionStartFlag));
            Assert.That(RawFrameHeader.IsRestResponse(message), Is.True);
            Assert.That(RawFrameHeader.TryGetFrame(message, out var frame), Is.True);
            Assert.That(RawFrameHeader.TrySplitRestResponse(frame, out var receivedRequest, out var receivedBody), Is.True);
            Assert.That(receivedRequest.ToArray(), Is.EqualTo(request));
            Assert.That(receivedBody.ToArray(), Is.EqualTo(body));
            Assert.That(RawFrameHeader.TrySplitRestResponse("no terminator"u8, out _, out _), Is.False);
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
