namespace Velox.Admin.Health;

/// <summary>
/// The state of one exchange connection as its owner last published it (owner thread writes with release
/// stores, the admin thread reads; fields are individually consistent, not as a group).
/// </summary>
public sealed class ConnectionHealth
{
    private int _connected;
    private int _subscribedChannels;
    private long _reconnectAttempts;
    private long _lastMessageNanos;
    private string? _lastError;

    internal ConnectionHealth(string name) => Name = name;

    /// <summary>Connection name (the venue, or venue/connection).</summary>
    public string Name { get; }

    public bool Connected => Volatile.Read(ref _connected) != 0;

    /// <summary>Channels the venue confirmed on the current connection.</summary>
    public int SubscribedChannels => Volatile.Read(ref _subscribedChannels);

    /// <summary>Connects after the first one plus failed attempts.</summary>
    public long ReconnectAttempts => Volatile.Read(ref _reconnectAttempts);

    /// <summary>Monotonic timestamp (ns) of the last inbound message; 0 before the first.</summary>
    public long LastMessageNanos => Volatile.Read(ref _lastMessageNanos);

    /// <summary>The last connection problem, if any.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Publishes the current state; call on the connection's own thread.</summary>
    public void Update(bool connected, int subscribedChannels, long reconnectAttempts, long lastMessageNanos, string? lastError)
    {
        Volatile.Write(ref _connected, connected ? 1 : 0);
        Volatile.Write(ref _subscribedChannels, subscribedChannels);
        Volatile.Write(ref _reconnectAttempts, reconnectAttempts);
        if (lastMessageNanos != 0)
        {
            Volatile.Write(ref _lastMessageNanos, lastMessageNanos);
        }

        Volatile.Write(ref _lastError, lastError);
    }
}
