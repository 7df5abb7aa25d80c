using Velox.Admin.Server;
using Velox.Host.Commands;
using Velox.Host.Config;
using Velox.Host.Trading;
using Velox.Strategies.Execution;

namespace Velox.Integration.Tests.Trading;

/// <summary>A trading run of `velox run --strategy mm` in this process, its md thread and status thread on a task.</summary>
internal sealed class PaperRun : IDisposable
{
    private readonly ShutdownSignal _shutdown = new(_ => { }, TextWriter.Null);
    private readonly StringWriter _output = new();
    private Task<int>? _execution;

    public PaperRun(ExecutionMode mode, VeloxConfig? config = null, int eventsPerSecond = 2000, string? adminToken = null, bool latencyBreakdown = false)
    {
        Directory = Path.Combine(Path.GetTempPath(), $"velox-paper-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        AdminEndpoint? admin = null;
        if (adminToken is not null)
        {
            Assert.That(AdminEndpoint.TryParse("127.0.0.1:0", out var endpoint, out var parseError), Is.True, parseError);
            admin = endpoint;
        }

        var options = new RunOptions
        {
            Strategy = TradingStrategy.MarketMaker,
            TradingMode = mode,
            JournalPath = Path.Combine(Directory, "run.journal"),
            EventsPerSecond = eventsPerSecond,
            Seed = 7,
            Admin = admin,
            AdminToken = adminToken,
            LatencyBreakdown = latencyBreakdown,
            BenchDirectory = latencyBreakdown ? Path.Combine(Directory, "bench") : null,
        };
        Assert.That(TradingRun.TryCreate(options, config, out var run, out var error), Is.True, error);
        Run = run!;
    }

    public TradingRun Run { get; }

    public string Directory { get; }

    public string Output => _output.ToString();

    public int ExitCode => _execution!.Result;

    public void Start() => _execution = Task.Run(() => Run.Execute(_shutdown, _output));

    /// <summary>Polls the published status until <paramref name="condition"/> holds (status publishes every 250 ms).</summary>
    public bool WaitFor(Func<TradingSnapshot, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition(Run.Loop.Take()))
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return false;
    }

    /// <summary>Requests shutdown (as SIGTERM does) and waits for the summary.</summary>
    public int StopAndWait()
    {
        _shutdown.Handle(System.Runtime.InteropServices.PosixSignal.SIGTERM);
        Assert.That(_execution!.Wait(TimeSpan.FromSeconds(20)), Is.True, "the run did not stop");
        return _execution.Result;
    }

    public void Dispose()
    {
        if (_execution is not null && !_execution.IsCompleted)
        {
            _shutdown.Handle(System.Runtime.InteropServices.PosixSignal.SIGTERM);
            _execution.Wait(TimeSpan.FromSeconds(20));
        }

        Run.Dispose();
        _shutdown.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }
}
