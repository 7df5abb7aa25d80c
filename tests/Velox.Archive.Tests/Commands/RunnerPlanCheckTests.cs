using Velox.Host.Doctor;
using Velox.Ipc.Agents;

namespace Velox.Archive.Tests.Commands;

public class RunnerPlanCheckTests
{
    private static CpuSet Cpus(string text) => CpuSet.TryParse(text, out var set) ? set : throw new ArgumentException(text);

    [Test]
    public void TheDefaultPlanOnAnIsolatedSixteenCoreMachineIsClean()
    {
        var placements = RunnerPlanCheck.FromPlan(CpuPlan.Defaults);
        Assert.That(placements, Has.Some.EqualTo(new RunnerPlacement("md", 2, IdleStrategyKind.BusySpin)));
        Assert.That(RunnerPlanCheck.Check(placements, Cpus("0-15"), Cpus("2-15"), out var problems, out var warnings), Is.True);
        Assert.That(problems, Is.Empty);
        Assert.That(warnings, Is.Empty);
    }

    [Test]
    public void RefusesACpuThisMachineDoesNotHave()
    {
        var placements = RunnerPlanCheck.FromPlan(CpuPlan.Defaults);
        Assert.That(RunnerPlanCheck.Check(placements, Cpus("0-1"), Cpus(""), out var problems, out _), Is.False);
        Assert.That(problems.Select(p => p.Code), Is.All.EqualTo("agent-cpu-absent"));
        Assert.That(problems[0].Message, Does.Contain("md is placed on CPU 2, which this machine does not have (online: 0-1)"));
    }

    [Test]
    public void RefusesTwoBusySpinnersOnOneCoreButAllowsABackoffNeighbour()
    {
        RunnerPlacement[] placements =
        [
            new("md", 3, IdleStrategyKind.BusySpin),
            new("admin", 3, IdleStrategyKind.Backoff),
            new("engine", 3, IdleStrategyKind.BusySpin),
        ];
        Assert.That(RunnerPlanCheck.Check(placements, Cpus("0-7"), Cpus("2-7"), out var problems, out _), Is.False);
        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0].ToString(), Is.EqualTo("[busy-spin-shared] engine and md both busy-spin on CPU 3: one would starve the other"));
    }

    [Test]
    public void BusySpinOnANonIsolatedCoreOnlyWarns()
    {
        RunnerPlacement[] placements = [new("md", 1, IdleStrategyKind.BusySpin)];
        Assert.That(RunnerPlanCheck.Check(placements, Cpus("0-1"), Cpus(""), out var problems, out var warnings), Is.True);
        Assert.That(problems, Is.Empty);
        Assert.That(warnings.Single().Code, Is.EqualTo("busy-spin-not-isolated"));
        Assert.That(warnings[0].Message, Does.Contain("isolated: none"));
    }

    [Test]
    public void ReadsThisMachine()
    {
        var online = RunnerPlanCheck.ReadOnlineCpus();
        Assert.That(online.Cpus, Has.Count.GreaterThanOrEqualTo(1));
        Assert.That(RunnerPlanCheck.ReadIsolatedCpus().IsSubsetOf(online), Is.True);
    }
}
