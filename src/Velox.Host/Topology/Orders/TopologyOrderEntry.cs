using Velox.Host.Commands;
using Velox.Ipc;
using Velox.Ipc.Subscriptions;
using Velox.Simulator.Hosting;
using Velox.Simulator.Matching;
using Velox.Strategies.Execution;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The launcher's side of a trading strategy in the multi topology: which children to start with which arguments, the
/// status line and the summary. What the strategies share: the execution mode, journal and config paths, the engine's
/// arguments, the og status streams and the engine's status stream (read for the status line and the summary).
/// </summary>
public abstract class TopologyOrderEntry : IDisposable
{
    private readonly string _strategy;
    private readonly Subscription[] _ogs;
    private readonly StatusReader[] _ogReaders;
    private readonly Subscription _engine;
    private StatusReader _engineReader;

    /// <summary>
    /// Reads the og status streams <paramref name="ogStatusStreams"/> (in order) and the engine's status stream, whose
    /// records are <paramref name="engineStatusLength"/> bytes; the journal defaults to a temp file named after <paramref name="journalPrefix"/>.
    /// </summary>
    private protected TopologyOrderEntry(
        RunOptions options, IpcDirectory ipc, string strategy, string journalPrefix, int engineStatusLength, ReadOnlySpan<int> ogStatusStreams)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ipc);
        _strategy = strategy;
        Mode = options.TradingMode;
        JournalPath = options.JournalPath ?? Path.Combine(Path.GetTempPath(), $"{journalPrefix}-{Environment.ProcessId}-{DateTime.UtcNow:yyyyMMddTHHmmss}.journal");
        ConfigPath = options.ConfigSource?.Path;
        _ogs = new Subscription[ogStatusStreams.Length];
        _ogReaders = new StatusReader[ogStatusStreams.Length];
        for (var i = 0; i < _ogs.Length; i++)
        {
            _ogs[i] = ipc.AddSubscription(ogStatusStreams[i]);
            _ogReaders[i] = new StatusReader(OgStatusRecord.Length);
        }

        _engine = ipc.AddSubscription(TopologyStreams.EngineTrading);
        _engineReader = new StatusReader(engineStatusLength);
    }

    public ExecutionMode Mode { get; }

    public string JournalPath { get; }

    public string? ConfigPath { get; }

    public string ModeName => Mode == ExecutionMode.Paper ? "paper" : "dry-run";

    /// <summary>What the og's latency samples measure in this mode, for the summary.</summary>
    private protected string Measured => Mode == ExecutionMode.Paper
        ? "tick-to-trade (md frame read → og send)"
        : "tick-to-decision (md frame read → og took the command; dry run, nothing sent)";

    /// <summary>The latest engine status record.</summary>
    private protected ReadOnlySpan<byte> EngineStatus => _engineReader.Latest;

    /// <summary>The og children (role, arguments after the IPC directory), given the embedded Bitfinex's URL and REST base.</summary>
    public abstract IReadOnlyList<(string Role, string[] Arguments)> OgChildren(Uri bitfinex, Uri? bitfinexRest = null);

    /// <summary>`velox engine` trading arguments.</summary>
    public IEnumerable<string> EngineArguments() => ConfigPath is null
        ? ["--strategy", _strategy, "--mode", ModeName, "--journal", JournalPath]
        : ["--strategy", _strategy, "--mode", ModeName, "--journal", JournalPath, "--config", ConfigPath];

    /// <summary>`velox md` arguments beyond the Bitfinex ones (other venues).</summary>
    public abstract IEnumerable<string> MdArguments();

    /// <summary>Reads the status streams.</summary>
    public void Poll()
    {
        for (var i = 0; i < _ogs.Length; i++)
        {
            _ogs[i].Poll(ref _ogReaders[i], 64);
        }

        _engine.Poll(ref _engineReader, 64);
    }

    /// <summary>The status line's trading part.</summary>
    public abstract string FormatLine();

    /// <summary>Writes the trading summary; returns the orders still open at the simulator(s).</summary>
    public int WriteSummary(TextWriter output, BitfinexSimulatorServer server)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(server);
        Poll();
        var matching = server.Simulator!.Engine;
        var account = matching.FindAccount(SimAccount.Demo.ApiKey);
        return WriteSummary(output, account >= 0 ? matching.OpenOrderCount(account) : 0);
    }

    public void Dispose()
    {
        foreach (var og in _ogs)
        {
            og.Dispose();
        }

        _engine.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The latest status of og number <paramref name="index"/> (in the order of the constructor's streams).</summary>
    private protected OgStatusRecord OgStatus(int index) => OgStatusRecord.Read(_ogReaders[index].Latest);

    /// <summary>Writes the summary given the demo account's orders still open at the embedded Bitfinex; returns the orders still open at the simulator(s).</summary>
    private protected abstract int WriteSummary(TextWriter output, int bitfinexOpen);
}
