using Velox.Simulator.Hosting;

namespace Velox.Host.Topology.Orders;

/// <summary>The launcher's side of a trading strategy in the multi topology: which children to start with which arguments, the status line and the summary.</summary>
public interface ITopologyTrading : IDisposable
{
    /// <summary>The og children (role, arguments after the IPC directory), given the embedded Bitfinex's URL.</summary>
    IReadOnlyList<(string Role, string[] Arguments)> OgChildren(Uri bitfinex);

    /// <summary>`velox engine` trading arguments.</summary>
    IEnumerable<string> EngineArguments();

    /// <summary>`velox md` arguments beyond the Bitfinex ones (other venues).</summary>
    IEnumerable<string> MdArguments();

    /// <summary>Reads the status streams.</summary>
    void Poll();

    /// <summary>The status line's trading part.</summary>
    string FormatLine();

    /// <summary>Writes the trading summary; returns the orders still open at the simulator(s).</summary>
    int WriteSummary(TextWriter output, BitfinexSimulatorServer server);
}
