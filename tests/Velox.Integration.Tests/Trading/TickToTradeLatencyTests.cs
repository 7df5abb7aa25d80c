using System.Text.Json;
using Velox.Host.Trading;
using Velox.Simulator.Hosting;
using Velox.Strategies.Execution;

namespace Velox.Integration.Tests.Trading;

/// <summary>The latency instruments of a paper run: the tick-to-trade breakdown, wire-to-wire with the raw loopback round trip, and the bench scenario files.</summary>
public sealed class TickToTradeLatencyTests
{
    private static readonly string[] WireToWireHistograms = ["wire-to-wire", "raw-tcp-rtt", "raw-tcp-rtt-paced"];

    [Test]
    public void Paper_run_breaks_tick_to_trade_down_and_measures_wire_to_wire_against_raw_tcp()
    {
        using var paper = new PaperRun(ExecutionMode.Paper, latencyBreakdown: true);
        paper.Start();
        Assert.That(paper.WaitFor(s => s.TickToTradeCount >= 5, TimeSpan.FromSeconds(30)), Is.True, paper.Output);
        paper.StopAndWait();

        var breakdown = paper.Run.TickToTrade.Breakdown!;
        var samples = paper.Run.TickToTrade.Histogram.Count;
        Assert.That(breakdown.ReadBatchAhead.Count, Is.EqualTo(samples), "one breakdown per tick-to-trade sample");
        Assert.That(breakdown.FirstInRead.Count + breakdown.LaterInRead.Count, Is.EqualTo(samples));
        Assert.That(breakdown.OrderToSend.Max, Is.LessThanOrEqualTo(paper.Run.TickToTrade.Histogram.Max + 1_000_000), "a stage is part of its sample");
        Assert.That(paper.Output, Does.Contain("tick-to-trade breakdown over"));
        Assert.That(paper.Output, Does.Match(@"wire-to-wire .* p50 \S+µs .* raw loopback TCP round trip .* ratio p50 \S+x p99 \S+x \(paced: p50 \S+x"));
        Assert.That(paper.Run.Server.WireToWire!.Histogram.Count, Is.GreaterThan(0));

        var bench = Path.Combine(paper.Directory, "bench");
        using var t2t = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(bench, "tick-to-trade.json")));
        Assert.That(t2t.RootElement.GetProperty("schema").GetString(), Is.EqualTo("velox-bench-scenario/1"));
        var histogram = t2t.RootElement.GetProperty("histograms").EnumerateArray().First(h => h.GetProperty("name").GetString() == "tick-to-trade");
        Assert.That(histogram.GetProperty("count").GetInt64(), Is.EqualTo(samples));
        Assert.That(histogram.GetProperty("buckets").EnumerateArray().Sum(b => b[1].GetInt64()), Is.EqualTo(samples), "buckets add up to count (the contract)");

        using var w2w = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(bench, "wire-to-wire.json")));
        var names = w2w.RootElement.GetProperty("histograms").EnumerateArray().Select(h => h.GetProperty("name").GetString()).ToList();
        Assert.That(names, Is.EquivalentTo(WireToWireHistograms));
        var ratio = w2w.RootElement.GetProperty("ratios").EnumerateArray().First().GetProperty("value").GetDouble();
        Assert.That(ratio, Is.GreaterThan(0));
    }

    [Test]
    public void Wire_to_wire_probe_attributes_market_data_orders_to_the_latest_market_data_frame()
    {
        var probe = new WireToWireProbe();
        probe.ExpectOrder(1);
        probe.ExpectOrder(2);
        probe.ExpectOrder(3);
        probe.OnFrameSent("[17,[64000,1,0.5],5]"u8, 1_000);
        probe.OnFrameSent("[17,\"cs\",12345,6]"u8, 1_100);
        probe.OnFrameSent("[17,\"hb\",7]"u8, 1_200);
        probe.OnFrameSent("[0,\"n\",[1]]"u8, 1_300);
        probe.OnClientMessage("[0,\"oc\",null,{\"id\":1}]"u8, 4_000);
        probe.OnClientMessage("[0,\"on\",null,{\"cid\":1}]"u8, 5_000);
        probe.OnClientMessage("[0,\"on\",null,{\"cid\":2}]"u8, 5_000);
        probe.OnFrameSent("[18,\"te\",[1,2,3,4],8]"u8, 9_000);
        probe.OnClientMessage("[0,\"on\",null,{\"cid\":99}]"u8, 10_000);
        probe.OnClientMessage("[0,\"on\",null,{\"cid\":3}]"u8, 12_000);

        Assert.That(probe.Histogram.Count, Is.EqualTo(2), "one sample per market-data frame: the second order of a decision is not one");
        Assert.That(probe.Histogram.Min, Is.EqualTo(3_000).Within(1).Percent);
        Assert.That(probe.Histogram.Max, Is.EqualTo(4_000).Within(1).Percent, "cs, hb and account frames are not the provoking frame");
        Assert.That(probe.Orders, Is.EqualTo(4), "cid 99 was not provoked by market data (timer or report): read, not a sample");
        Assert.That(WireToWireProbe.IsMarketData("{\"event\":\"info\"}"u8), Is.False);
        Assert.That(WireToWireProbe.IsMarketData("[17,[[1,2,3]]]"u8), Is.True);
    }

    [Test]
    public void Raw_loopback_round_trip_measures_every_ping_pong()
    {
        Assert.That(LoopbackRoundTrip.TryMeasure(120, 160, 500, 50, 0, out var rtt, out var error), Is.True, error);
        Assert.That(rtt.Count, Is.EqualTo(500));
        Assert.That(rtt.ValueAtPercentile(50), Is.GreaterThan(0));
        Assert.That(LoopbackRoundTrip.TryMeasure(120, 160, 50, 5, 200_000, out var paced, out error), Is.True, error);
        Assert.That(paced.Count, Is.EqualTo(50));
    }
}
