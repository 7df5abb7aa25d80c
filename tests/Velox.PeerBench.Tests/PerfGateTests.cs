extern alias benchmarks;

using benchmarks::Velox.Benchmarks.Gate;
using Velox.PeerBench.Replay;
using Velox.PeerBench.Report;

namespace Velox.PeerBench.Tests;

/// <summary>
/// The CI regression gate (runs inside ./build.sh test): hard checks that do not depend on machine speed.
/// Every hot path allocates 0 bytes and triggers no GC; the speed-ratio floors fail naming the comparison.
/// </summary>
public class PerfGateTests
{
    /// <summary>Hot paths that must stay covered: a benchmark renamed or removed must not silently shrink the gate.</summary>
    private static readonly string[] Required =
    [
        "BitfinexParse.ParseAndApply", "Book.Apply", "Book.Checksum25X25CachedOneLevelChanged", "Bitfinex.SimulatedReplay",
        "Binance.ParseAndApplyDiff", "Bybit.ParseApply", "Coinbase.ParseAndApply", "GateIo.ParseAndApplyDiff",
        "Htx.InflateParseAndReplaceBook", "Kraken.ParseApplyChecksum", "Mexc.SpotProtobufDepthPush", "Mexc.FuturesJsonDepthPush",
        "Okx.ParseApplyChecksum", "WebSocketFrame.DecodeUnmask100", "WebSocketFrame.DecodeUnmask4K", "Risk.FullPreTradeCheck",
        "Risk.ApplyFillReportThroughOms", "Trading.SubmitAckFillCancel", "Trading.JournalAppend", "Ipc.OfferPoll",
    ];

    /// <summary>Need no shared recordings, so they may never be skipped.</summary>
    private static readonly string[] NeverSkipped =
    [
        "BitfinexParse.ParseAndApply", "Book.Apply", "Bitfinex.SimulatedReplay", "WebSocketFrame.DecodeUnmask100",
        "Risk.FullPreTradeCheck", "Trading.SubmitAckFillCancel", "Trading.JournalAppend", "Ipc.OfferPoll",
    ];

    [Test]
    public void EveryHotPath_AllocatesNothing_AndTriggersNoGarbageCollection()
    {
        var scenarios = AllocationGate.AllScenarios();
        Assert.That(scenarios.Select(s => s.Name), Is.SupersetOf(Required));

        var results = AllocationGate.Run(scenarios, new GateOptions());
        TestContext.Out.Write(AllocationGate.Table(results));
        var failures = AllocationGate.Failures(results);

        Assert.That(failures, Is.Empty, "perf gate: " + string.Join("; ", failures));
        Assert.That(results.Where(r => r.Skipped is not null).Select(r => r.Scenario), Has.None.AnyOf(NeverSkipped));
        Assert.That(results.Where(r => r.Skipped is null).Select(r => r.Operations), Has.All.GreaterThanOrEqualTo(10_000));
    }

    [Test]
    public void AnAllocationInjectedIntoOneHotLoop_FailsTheGate_NamingThatScenario()
    {
        const string Victim = "WebSocketFrame.DecodeUnmask100";
        var previous = Environment.GetEnvironmentVariable(GateOptions.InjectAllocationVariable);
        Environment.SetEnvironmentVariable(GateOptions.InjectAllocationVariable, Victim);
        List<GateResult> results;
        try
        {
            results = AllocationGate.Run(AllocationGate.AllScenarios(), GateOptions.FromEnvironment() with { Filter = "WebSocketFrame." });
        }
        finally
        {
            Environment.SetEnvironmentVariable(GateOptions.InjectAllocationVariable, previous);
        }

        TestContext.Out.Write(AllocationGate.Table(results));
        var failures = AllocationGate.Failures(results);
        Assert.That(results, Has.Count.EqualTo(3), "the three WebSocket frame scenarios ran");
        Assert.That(failures, Has.Count.EqualTo(1));
        Assert.That(failures[0], Does.StartWith(Victim + ": allocated "));
        Assert.That(results.Single(r => r.Scenario == Victim).AllocatedBytes, Is.GreaterThanOrEqualTo(64L * 10_000), "one 64-byte array per measured invocation");
    }

    [Test]
    public void AScenarioWhoseWorkIsWrong_FailsTheGate_NamingIt()
    {
        var results = AllocationGate.Run([new NoWorkScenario()], new GateOptions());
        var failures = AllocationGate.Failures(results);
        Assert.That(failures, Has.Count.EqualTo(1));
        Assert.That(failures[0], Is.EqualTo("Test.NoWork: did nothing"));
    }

    [Test]
    public void ARatioBelowItsFloor_FailsNamingTheComparison()
    {
        var comparison = new Comparison("naive-dotnet/loopback-sim", "test", Result("velox", 300_000), Result("naive-dotnet", 100_000));

        Assert.That(RatioGate.Check(comparison, PeerGates.VeloxOverNaiveDotnetLoopbackMin, "veloxOverNaiveDotnetLoopbackMin"), Is.Null, "3x is above the committed floor");

        // The injected floor: what the committed one would say if Velox had dropped to a third of its speed.
        var failure = RatioGate.Check(comparison, 4.0, "veloxOverNaiveDotnetLoopbackMin");
        Assert.That(failure, Does.StartWith("naive-dotnet/loopback-sim: Velox/peer 3.00x"));
        Assert.That(failure, Does.Contain("below the floor 4 (veloxOverNaiveDotnetLoopbackMin in perf/gates.json)"));

        var skipped = new Comparison("ccxt/sim-cs", "test", Result("velox", 1), null, "npm missing");
        Assert.That(RatioGate.Check(skipped, 2.0, "veloxOverCcxtReplayMin"), Does.StartWith("ccxt/sim-cs: no Velox/peer ratio (npm missing)"));
    }

    private static ThroughputResult Result(string pipeline, long frames) =>
        new() { Pipeline = pipeline, Scenario = "test", Frames = frames, Seconds = 1 };

    private sealed class NoWorkScenario : HotPathScenario
    {
        public override string Name => "Test.NoWork";

        public override void Setup()
        {
        }

        public override void Invoke()
        {
        }

        public override string? Verify() => "did nothing";
    }
}
