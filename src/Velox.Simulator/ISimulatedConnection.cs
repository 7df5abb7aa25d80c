namespace Velox.Simulator;

/// <summary>What a transport drives for each client: the synthetic Bitfinex dialect or a capture replay.</summary>
public interface ISimulatedConnection
{
    /// <summary>Sends what the venue sends on connect.</summary>
    void Open();

    /// <summary>Handles one client text message.</summary>
    void OnClientMessage(ReadOnlySpan<byte> utf8);

    /// <summary>Does the work due at <paramref name="nowNanos"/>; returns a positive count when it did any.</summary>
    int Poll(long nowNanos);

    /// <summary>True while an injected stall lasts: the transport should not even read, as a hung server would not.</summary>
    bool IsStalled { get; }

    /// <summary>True once the connection ended itself (an injected disconnect).</summary>
    bool IsClosed { get; }

    /// <summary>The transport ended (client gone, injected disconnect, or server stopping); called once, on the connection's thread.</summary>
    void OnClosed();
}
