using Velox.Archive.Recording;
using Velox.Ipc.Publications;
using Velox.MarketData.Events;
using Velox.MarketData.Streams;
using Velox.Net.WebSockets;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Archive.Tests.Determinism;

/// <summary>
/// What a market-data gateway does with each received frame: publishes it as a <see cref="RawFrameHeader"/>
/// message (pumping the recorder on back-pressure, both run on the test thread) and feeds it to the live
/// session with a hashing handler.
/// </summary>
internal sealed class LiveRawFrameTap
{
    private const short BitfinexVenueId = 1;

    private readonly ExclusivePublication _publication;
    private readonly ArchiveRecorder _recorder;
    private readonly byte[] _message = new byte[1 << 20];
    private EventHash _hash;
    private bool _connectionStarted;

    public LiveRawFrameTap(BitfinexMarketDataSession session, ExclusivePublication publication, ArchiveRecorder recorder)
    {
        Session = session;
        _publication = publication;
        _recorder = recorder;
    }

    public BitfinexMarketDataSession Session { get; }

    public EventHash Hash => _hash;

    public long Frames { get; private set; }

    public void OnFrame(ReadOnlySpan<byte> payload, bool isText, long receiveNanos)
    {
        var flags = (ushort)((isText ? 0 : RawFrameHeader.BinaryFlag) | (_connectionStarted ? 0 : RawFrameHeader.ConnectionStartFlag));
        _connectionStarted = true;
        RawFrameHeader.Write(_message, receiveNanos, connectionId: 1, BitfinexVenueId, flags);
        payload.CopyTo(_message.AsSpan(RawFrameHeader.Length));
        var message = _message.AsSpan(0, RawFrameHeader.Length + payload.Length);
        var deadline = Environment.TickCount64 + 10_000;
        while (_publication.Offer(message) < 0)
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), "publication stayed back-pressured");
            _publication.DoWork();
            _recorder.DoWork();
        }

        Session.ProcessFrame(payload, receiveNanos, ref _hash);
        Frames++;
    }

    /// <summary>Sends what the session queued (conf, subscribes).</summary>
    public void Flush(WebSocketConnection connection)
    {
        while (Session.Outbound.TryPeek(out var request))
        {
            Assert.That(connection.SendText(request), Is.True, "send failed");
            Session.Outbound.Advance();
        }
    }

    /// <summary>The struct the WebSocket connection calls.</summary>
    public readonly struct Handler : IWebSocketHandler
    {
        private readonly LiveRawFrameTap _tap;

        public Handler(LiveRawFrameTap tap) => _tap = tap;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) => _tap.OnFrame(payload, isText, receiveTimestamp);

        public void OnClose(int closeStatus, ReadOnlySpan<byte> reason)
        {
        }
    }
}
