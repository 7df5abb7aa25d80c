namespace Velox.Ipc.LogBuffers;

/// <summary>Everything written into a new log's metadata.</summary>
public readonly record struct LogParameters(
    int TermLength,
    int Mtu,
    int TermWindowLength,
    int InitialTermId,
    int SessionId,
    int StreamId,
    long CorrelationId,
    int PublicationKind,
    long OwnerRegistrationId,
    int PublisherLimitCounterId,
    int PublisherPositionCounterId,
    long NowMillis);
