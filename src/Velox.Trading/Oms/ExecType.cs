namespace Velox.Trading.Oms;

/// <summary>Kind of execution report from a venue.</summary>
public enum ExecType : byte
{
    Ack = 0,
    Reject,
    Fill,
    CancelAck,
    CancelReject,
    ReplaceAck,
    ReplaceReject,
    Expire,
}
