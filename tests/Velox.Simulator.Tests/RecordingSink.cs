using System.Text;
using Velox.Simulator.Bitfinex;

namespace Velox.Simulator.Tests;

/// <summary>Keeps every frame as text (tests only; allocates).</summary>
public sealed class RecordingSink : IFrameSink
{
    public List<string> Frames { get; } = [];

    public bool Closed { get; private set; }

    public bool ClosedAbruptly { get; private set; }

    public List<byte[]> BinaryFrames { get; } = [];

    public void Send(ReadOnlySpan<byte> utf8Frame) => Frames.Add(Encoding.UTF8.GetString(utf8Frame));

    public void SendBinary(ReadOnlySpan<byte> frame) => BinaryFrames.Add(frame.ToArray());

    public void Close(bool abrupt)
    {
        Closed = true;
        ClosedAbruptly = abrupt;
    }

    public List<string> Drain()
    {
        var copy = new List<string>(Frames);
        Frames.Clear();
        return copy;
    }
}
