using System.Text.Json;
using Velox.Simulator.Faults;
using Velox.Simulator.Market;

namespace Velox.Simulator.Tests.Faults;

public class FaultInjectionTests
{
    private static SessionDriver Subscribed(FaultSchedule faults, out int chanId, int eventsPerSecond = 2000)
    {
        var d = new SessionDriver(new SimulatorOptions { Seed = 21, EventsPerSecond = eventsPerSecond, Faults = faults, HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        d.Send("{\"event\":\"conf\",\"flags\":196608}");
        d.Send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"len\":\"25\"}");
        chanId = Frames.ChanIdOf(d.Sink.Frames.First(f => Frames.EventName(f) == "subscribed"));
        return d;
    }

    [Test]
    public void DropFrame_LeavesExactlyOneSequenceGap()
    {
        var d = Subscribed(new FaultSchedule([new ScheduledFault(300, FaultKind.DropFrame)]), out _);
        d.Run(1_000);
        var seqs = d.Sink.Frames.Where(f => !Frames.IsEvent(f)).Select(Frames.Seq).ToList();
        var gaps = seqs.Zip(seqs.Skip(1), (a, b) => b - a).Where(step => step != 1).ToList();
        Assert.That(gaps, Has.Count.EqualTo(1));
        Assert.That(gaps[0], Is.EqualTo(2));
    }

    [Test]
    public void CorruptChecksum_DiffersFromTheTrueValueOnce()
    {
        var d = Subscribed(new FaultSchedule([new ScheduledFault(300, FaultKind.CorruptChecksum)]), out var chanId);
        d.Run(1_000);
        var book = new WireBook(SimInstrumentSpec.DefaultPriceScale, SimInstrumentSpec.DefaultSizeScale);
        var wrong = 0;
        var right = 0;
        var first = true;
        foreach (var root in d.Sink.Frames.Where(f => Frames.IsChannel(f, chanId)).Select(Frames.Parse))
        {
            if (first)
            {
                book.ApplySnapshot(root[1]);
                first = false;
            }
            else if (root[1].ValueKind == JsonValueKind.Array)
            {
                book.Apply(root[1]);
            }
            else if (root[1].GetString() == "cs")
            {
                if (root[2].GetInt32() == book.WireTextChecksum())
                {
                    right++;
                }
                else
                {
                    wrong++;
                }
            }
        }

        Assert.That(wrong, Is.EqualTo(1));
        Assert.That(right, Is.GreaterThan(100));
    }

    [Test]
    public void MalformedJson_IsNotValidJson()
    {
        var d = Subscribed(new FaultSchedule([new ScheduledFault(100, FaultKind.MalformedJson)]), out var chanId);
        d.Run(300);
        var invalid = d.Sink.Frames.Where(f => !Frames.IsValidJson(f)).ToList();
        Assert.That(invalid, Has.Count.EqualTo(1));
        Assert.That(invalid[0], Does.StartWith($"[{chanId},"));
    }

    [Test]
    public void Disconnect_ClosesAbruptlyAndSendsNothingMore()
    {
        var d = Subscribed(new FaultSchedule([new ScheduledFault(100, FaultKind.Disconnect)]), out _);
        d.Run(100, stepMillis: 1);
        Assert.That(d.Sink.ClosedAbruptly, Is.True);
        Assert.That(d.Session.IsClosed, Is.True);
        var count = d.Sink.Frames.Count;
        d.Run(1_000);
        d.Send("{\"event\":\"ping\"}");
        Assert.That(d.Sink.Frames, Has.Count.EqualTo(count));
    }

    [Test]
    public void Stall_SendsNothingForItsDurationThenResumes()
    {
        var d = Subscribed(new FaultSchedule([new ScheduledFault(100, FaultKind.Stall, StallMillis: 500)]), out _);
        d.Run(100, stepMillis: 1);
        d.Sink.Drain();
        Assert.That(d.Session.IsStalled, Is.True);
        d.Run(499, stepMillis: 1);
        Assert.That(d.Sink.Frames, Is.Empty);
        d.Run(50, stepMillis: 1);
        Assert.That(d.Sink.Frames, Is.Not.Empty);
    }

    [Test]
    public void InfoCodes_AreEmittedAndMaintenancePausesMarketData()
    {
        var d = Subscribed(
            new FaultSchedule(
            [
                new ScheduledFault(100, FaultKind.InfoReconnect),
                new ScheduledFault(200, FaultKind.MaintenanceStart),
                new ScheduledFault(800, FaultKind.MaintenanceEnd),
            ]),
            out var chanId);
        d.Run(200, stepMillis: 1);
        d.Run(1, stepMillis: 1);
        var codes = d.Sink.Frames.Where(f => Frames.EventName(f) == "info" && f.Contains("code", StringComparison.Ordinal))
            .Select(f => Frames.Parse(f).GetProperty("code").GetInt32()).ToList();
        Assert.That(string.Join(",", codes), Is.EqualTo("20051,20060"));
        Assert.That(d.Session.InMaintenance, Is.True);

        d.Sink.Drain();
        d.Run(598, stepMillis: 1);
        Assert.That(d.Sink.Frames.Where(f => Frames.IsChannel(f, chanId)), Is.All.Contains("\"hb\""), "only heartbeats during maintenance");
        d.Run(10, stepMillis: 1);
        Assert.That(Frames.Parse(d.Sink.Frames.First(f => Frames.EventName(f) == "info")).GetProperty("code").GetInt32(), Is.EqualTo(20061));
        Assert.That(d.Sink.Frames.Count(f => Frames.IsChannel(f, chanId) && !f.Contains("\"hb\"", StringComparison.Ordinal)), Is.GreaterThan(5));
    }

    [Test]
    public void EverySchedule_RepeatsItsFault()
    {
        var d = Subscribed(FaultSchedule.Every(250, FaultKind.DropFrame), out _);
        d.Run(1_100);
        var seqs = d.Sink.Frames.Where(f => !Frames.IsEvent(f)).Select(Frames.Seq).ToList();
        Assert.That(seqs.Zip(seqs.Skip(1), (a, b) => b - a).Count(step => step == 2), Is.EqualTo(4));
    }

    [Test]
    public void RandomSchedule_IsReproducibleFromItsSeed()
    {
        FaultKind[] kinds = [FaultKind.DropFrame, FaultKind.Stall, FaultKind.MalformedJson];
        var a = FaultSchedule.Random(5, 20, 60_000, kinds).Faults.ToArray();
        Assert.That(FaultSchedule.Random(5, 20, 60_000, kinds).Faults.ToArray(), Is.EqualTo(a));
        Assert.That(FaultSchedule.Random(6, 20, 60_000, kinds).Faults.ToArray(), Is.Not.EqualTo(a));
        Assert.That(a.Select(f => f.AtMillis), Is.Ordered);
    }

    [Test]
    public void Inject_AppliesAFaultOnDemand()
    {
        var d = Subscribed(FaultSchedule.None, out _);
        d.Run(50);
        d.Sink.Drain();
        d.Session.Inject(FaultKind.InfoReconnect);
        Assert.That(d.Sink.Frames, Is.Empty, "applied on the session's own thread, at the next poll");
        d.Session.Poll(d.Now);
        Assert.That(d.Sink.Frames.Single(), Is.EqualTo("{\"event\":\"info\",\"code\":20051,\"msg\":\"Stopping. Please try to reconnect\"}"));
    }
}
