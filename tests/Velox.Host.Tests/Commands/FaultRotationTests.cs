using Velox.Host.Commands;
using Velox.Simulator.Faults;

namespace Velox.Host.Tests.Commands;

/// <summary>`--faults` / `--fault-every`: which fault goes in when, what is printed and what the summary counts.</summary>
public class FaultRotationTests
{
    [Test]
    public void Faults_go_in_turn_once_per_interval_and_are_counted()
    {
        var injected = new List<FaultKind>();
        var rotation = new FaultRotation([FaultKind.DropFrame, FaultKind.Disconnect], TimeSpan.FromSeconds(3), kind =>
        {
            injected.Add(kind);
            return kind == FaultKind.Disconnect ? 0 : 1;
        });
        using var output = new StringWriter();

        Assert.That(rotation.Tick(TimeSpan.FromSeconds(2.9), output), Is.Null, "nothing is due before the first interval");
        Assert.That(rotation.Tick(TimeSpan.FromSeconds(3), output), Is.EqualTo(FaultKind.DropFrame));
        Assert.That(rotation.Tick(TimeSpan.FromSeconds(4), output), Is.Null, "one fault per interval");
        Assert.That(rotation.Tick(TimeSpan.FromSeconds(6), output), Is.EqualTo(FaultKind.Disconnect));
        Assert.That(rotation.Tick(TimeSpan.FromSeconds(9), output), Is.EqualTo(FaultKind.DropFrame), "the list starts over");

        Assert.That(injected, Is.EqualTo(new[] { FaultKind.DropFrame, FaultKind.Disconnect, FaultKind.DropFrame }));
        Assert.That((rotation.Injected, rotation.NotTaken), Is.EqualTo((3, 1)));
        Assert.That(output.ToString(), Does.Contain("  injected fault: DropFrame (1 connection)\n").And.Contain("  injected fault: Disconnect (0 connections)\n"));
        Assert.That(rotation.Summary(), Is.EqualTo("faults: 3 injected (DropFrame, Disconnect every 3 s), 1 taken by no connection"));
    }

    [Test]
    public void Without_faults_nothing_is_injected_and_there_is_no_summary()
    {
        var calls = 0;
        var rotation = new FaultRotation([], TimeSpan.FromSeconds(1), _ => ++calls);
        Assert.That(rotation.Tick(TimeSpan.FromMinutes(1), TextWriter.Null), Is.Null);
        Assert.That(calls, Is.Zero);
        Assert.That(rotation.Summary(), Is.Null);
    }
}
