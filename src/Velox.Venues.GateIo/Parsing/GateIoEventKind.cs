namespace Velox.Venues.GateIo.Parsing;

/// <summary>The <c>event</c> of a frame (a REST body has none).</summary>
public enum GateIoEventKind : byte
{
    None = 0,
    Update,
    Subscribe,
    Unsubscribe,
    Other,
}
