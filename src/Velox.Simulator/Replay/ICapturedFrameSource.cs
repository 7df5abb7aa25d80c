namespace Velox.Simulator.Replay;

/// <summary>A recording read front to back: any capture format reduces to this.</summary>
public interface ICapturedFrameSource
{
    /// <summary>The next recorded inbound frame, valid until the next call; false at the end.</summary>
    bool TryRead(out CapturedFrame frame);
}
