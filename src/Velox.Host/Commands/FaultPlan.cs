using Velox.Simulator.Faults;

namespace Velox.Host.Commands;

/// <summary>Parses "--faults gap,checksum,..." names into simulator fault kinds (command-line vocabulary).</summary>
public static class FaultPlan
{
    /// <summary>The names accepted on the command line, in the order they are listed in help.</summary>
    public const string Names = "gap, checksum, malformed, disconnect, stall, reconnect-info, maintenance, missed-pong; with --strategy and --mode paper also the order-entry faults " + OrderEntryNames;

    /// <summary>The order-entry faults (they act on the next order of the venue's order connection).</summary>
    public const string OrderEntryNames = "reject, delay-ack, lose-ack, disconnect-on-order";

    /// <summary>True for a fault that acts on order entry (it needs a paper trading run to have any effect).</summary>
    public static bool IsOrderEntry(FaultKind kind) => kind is FaultKind.RejectOrder or FaultKind.DelayAck or FaultKind.LoseAck or FaultKind.DisconnectOnOrder;

    public static bool TryParse(string text, out FaultKind[] kinds, out string error)
    {
        var list = new List<FaultKind>();
        error = string.Empty;
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (raw)
            {
                case "gap":
                    list.Add(FaultKind.DropFrame);
                    break;
                case "checksum":
                    list.Add(FaultKind.CorruptChecksum);
                    break;
                case "malformed":
                    list.Add(FaultKind.MalformedJson);
                    break;
                case "disconnect":
                    list.Add(FaultKind.Disconnect);
                    break;
                case "stall":
                    list.Add(FaultKind.Stall);
                    break;
                case "reconnect-info":
                    list.Add(FaultKind.InfoReconnect);
                    break;
                case "maintenance":
                    list.Add(FaultKind.MaintenanceStart);
                    list.Add(FaultKind.MaintenanceEnd);
                    break;
                case "missed-pong":
                    list.Add(FaultKind.MissedPong);
                    break;
                case "reject":
                    list.Add(FaultKind.RejectOrder);
                    break;
                case "delay-ack":
                    list.Add(FaultKind.DelayAck);
                    break;
                case "lose-ack":
                    list.Add(FaultKind.LoseAck);
                    break;
                case "disconnect-on-order":
                    list.Add(FaultKind.DisconnectOnOrder);
                    break;
                default:
                    kinds = [];
                    error = $"unknown fault '{raw}' (known: {Names})";
                    return false;
            }
        }

        kinds = [.. list];
        if (kinds.Length == 0)
        {
            error = $"--faults needs at least one of: {Names}";
            return false;
        }

        return true;
    }
}
