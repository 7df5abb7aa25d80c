using Velox.Simulator.Faults;

namespace Velox.Host.Commands;

/// <summary>Parses "--faults gap,checksum,..." names into simulator fault kinds (command-line vocabulary).</summary>
public static class FaultPlan
{
    /// <summary>The names accepted on the command line, in the order they are listed in help.</summary>
    public const string Names = "gap, checksum, malformed, disconnect, stall, reconnect-info, maintenance, missed-pong";

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
