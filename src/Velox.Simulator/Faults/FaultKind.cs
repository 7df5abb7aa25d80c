namespace Velox.Simulator.Faults;

/// <summary>Misbehaviours the simulator can inject into a connection.</summary>
public enum FaultKind
{
    /// <summary>The next channel frame is not sent but still consumes its sequence number (a gap with SEQ_ALL).</summary>
    DropFrame,

    /// <summary>The next "cs" frame carries a wrong checksum.</summary>
    CorruptChecksum,

    /// <summary>A truncated, unparseable frame is sent.</summary>
    MalformedJson,

    /// <summary>The connection is dropped without a close handshake.</summary>
    Disconnect,

    /// <summary>Nothing is sent for <see cref="ScheduledFault.StallMillis"/> milliseconds.</summary>
    Stall,

    /// <summary>Info event 20051: server restarting, reconnect.</summary>
    InfoReconnect,

    /// <summary>Info event 20060: maintenance starts; market data pauses until <see cref="MaintenanceEnd"/>.</summary>
    MaintenanceStart,

    /// <summary>Info event 20061: maintenance ended.</summary>
    MaintenanceEnd,

    /// <summary>The next new-order input is refused with an ERROR "on-req" notification.</summary>
    RejectOrder,

    /// <summary>Everything the next new-order input causes on its connection is sent <see cref="ScheduledFault.StallMillis"/> ms late.</summary>
    DelayAck,

    /// <summary>The next new order is placed but its "on-req" and "on" are never sent (it shows in a later "os").</summary>
    LoseAck,

    /// <summary>The connection drops right after the next new-order input; a seeded coin decides whether the order was placed.</summary>
    DisconnectOnOrder,

    /// <summary>The client's pongs are lost from now on: a venue with server pings (HTX) disconnects it for missed heartbeats.</summary>
    MissedPong,
}
