namespace Velox.Strategies.Execution;

/// <summary>Kind of command a sink was given.</summary>
public enum SinkCommandKind : byte
{
    New = 0,
    Cancel,
    CancelAll,
    Amend,
}
