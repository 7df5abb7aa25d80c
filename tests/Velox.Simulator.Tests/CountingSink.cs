using Velox.Simulator.Bitfinex;

namespace Velox.Simulator.Tests;

/// <summary>Counts frames and bytes without allocating, for throughput and allocation tests.</summary>
public sealed class CountingSink : IFrameSink
{
    public long Frames { get; private set; }

    public long Bytes { get; private set; }

    public void Send(ReadOnlySpan<byte> utf8Frame)
    {
        Frames++;
        Bytes += utf8Frame.Length;
    }

    public void SendBinary(ReadOnlySpan<byte> frame) => Send(frame);

    public void Close(bool abrupt)
    {
    }
}
