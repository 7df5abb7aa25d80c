using Velox.Host.Doctor;
using Velox.Testing;

namespace Velox.Integration.Tests.Doctor;

public class CpuPlanFileTests
{
    private static readonly string[] AllCodesOfMixedPlan =
        ["overlap", "cpu0-isolated", "agent-not-isolated", "duplicate-agent-core", "agent-unset"];

    private const string Valid = "H=0-1\nI=2-15\nMD_CPU=2\nENGINE_CPU=3\nOG_CPU=4\nARCHIVER_CPU=5\n";

    [Test]
    public void Committed_plan_is_valid_and_equals_the_built_in_defaults()
    {
        var path = Path.Combine(SharedData.RepositoryRoot, "tuning", "cpus.env");
        Assert.That(CpuPlanFile.TryLoad(path, out var plan, out var problems), Is.True, string.Join("\n", problems));
        var defaults = CpuPlan.Defaults;
        Assert.Multiple(() =>
        {
            Assert.That(plan!.Housekeeping.ToString(), Is.EqualTo("0-1"));
            Assert.That(plan.Isolated.ToString(), Is.EqualTo("2-15"));
            Assert.That(plan.Pins, Is.EqualTo(defaults.Pins));
            Assert.That(plan.Isolation, Is.EqualTo(defaults.Isolation));
            Assert.That(plan.IntelIdleMaxCstate, Is.EqualTo(defaults.IntelIdleMaxCstate));
            Assert.That(plan.ProcessorMaxCstate, Is.EqualTo(defaults.ProcessorMaxCstate));
            Assert.That(plan.Governor, Is.EqualTo(defaults.Governor));
            Assert.That(plan.SmtOff, Is.EqualTo(defaults.SmtOff));
            Assert.That(TuningTargets.CmdlineTokens(plan), Is.EqualTo(TuningTargets.CmdlineTokens(defaults)));
        });
    }

    [Test]
    public void Comments_quotes_spaces_and_optional_keys_are_read()
    {
        var text = "# plan\n  H = \"0\"   # boot cpu\nI='1'\r\nMD_CPU=1\nENGINE_CPU=none\nOG_CPU=none\nARCHIVER_CPU=none\nISOLATION=nohz\nSMT=on\nGOVERNOR=schedutil\n";
        Assert.That(CpuPlanFile.TryParse(text, out var plan, out var problems), Is.True, string.Join("\n", problems));
        Assert.Multiple(() =>
        {
            Assert.That(plan!.Housekeeping.ToString(), Is.EqualTo("0"));
            Assert.That(plan.Isolated.ToString(), Is.EqualTo("1"));
            Assert.That(plan.Pins[0], Is.EqualTo(new AgentPin("md", 1)));
            Assert.That(plan.Pins[1], Is.EqualTo(new AgentPin("engine", null)));
            Assert.That(plan.Isolation, Is.EqualTo(IsolationMode.Nohz));
            Assert.That(plan.SmtOff, Is.False);
            Assert.That(plan.Governor, Is.EqualTo("schedutil"));
        });
    }

    [TestCase("H=0-2\nI=2-15\nMD_CPU=3\nENGINE_CPU=4\nOG_CPU=5\nARCHIVER_CPU=6\n", "overlap", "CPUs 2")]
    [TestCase("H=1\nI=0,2-15\nMD_CPU=2\nENGINE_CPU=3\nOG_CPU=4\nARCHIVER_CPU=5\n", "cpu0-isolated", "CPU 0")]
    [TestCase("H=0-1\nI=2-15\nMD_CPU=1\nENGINE_CPU=3\nOG_CPU=4\nARCHIVER_CPU=5\n", "agent-not-isolated", "MD_CPU=1")]
    [TestCase("H=0-1\nI=2-15\nMD_CPU=2\nENGINE_CPU=16\nOG_CPU=4\nARCHIVER_CPU=5\n", "agent-core-missing", "ENGINE_CPU=16")]
    [TestCase("H=0-1\nI=2-15\nMD_CPU=2\nENGINE_CPU=3\nOG_CPU=3\nARCHIVER_CPU=5\n", "duplicate-agent-core", "already runs engine")]
    [TestCase("H=0-1\nI=2-15\nMD_CPU=2\nENGINE_CPU=3\nOG_CPU=4\n", "agent-unset", "ARCHIVER_CPU")]
    [TestCase(Valid + "FOO=1\n", "unknown-key", "FOO")]
    [TestCase(Valid + "H=0\n", "duplicate-key", "line 7")]
    [TestCase("H=0-x\nI=2-15\nMD_CPU=2\nENGINE_CPU=3\nOG_CPU=4\nARCHIVER_CPU=5\n", "bad-cpulist", "H='0-x'")]
    [TestCase("H=0-1\nI=\nMD_CPU=none\nENGINE_CPU=none\nOG_CPU=none\nARCHIVER_CPU=none\n", "cpulist-empty", "I is empty")]
    [TestCase("I=2-15\nMD_CPU=2\nENGINE_CPU=3\nOG_CPU=4\nARCHIVER_CPU=5\n", "cpulist-unset", "H is not set")]
    [TestCase(Valid + "ISOLATION=full\n", "bad-value", "ISOLATION")]
    [TestCase(Valid + "SMT=maybe\n", "bad-value", "SMT")]
    [TestCase(Valid + "INTEL_IDLE_MAX_CSTATE=-1\n", "bad-value", "INTEL_IDLE_MAX_CSTATE")]
    [TestCase("H=0-1\nI=2-15\nMD_CPU=two\nENGINE_CPU=3\nOG_CPU=4\nARCHIVER_CPU=5\n", "bad-value", "MD_CPU")]
    [TestCase(Valid + "just words\n", "bad-line", "line 7")]
    public void Each_contradiction_is_refused_by_name(string text, string code, string mentions)
    {
        Assert.That(CpuPlanFile.TryParse(text, out var plan, out var problems), Is.False);
        Assert.That(plan, Is.Null);
        var problem = problems.FirstOrDefault(p => p.Code == code);
        Assert.That(problem.Code, Is.EqualTo(code), $"problems: {string.Join("; ", problems)}");
        Assert.That(problem.Message, Does.Contain(mentions));
        Assert.That(problem.ToString(), Does.StartWith($"[{code}] "));
    }

    [Test]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var text = "H=0-2\nI=0,2-3\nMD_CPU=1\nENGINE_CPU=3\nOG_CPU=3\n";
        Assert.That(CpuPlanFile.TryParse(text, out _, out var problems), Is.False);
        Assert.That(problems.Select(p => p.Code), Is.EquivalentTo(AllCodesOfMixedPlan));
    }

    [Test]
    public void Missing_file_is_reported_as_unreadable()
    {
        Assert.That(CpuPlanFile.TryLoad("/nonexistent/cpus.env", out _, out var problems), Is.False);
        Assert.That(problems.Single().Code, Is.EqualTo("unreadable"));
    }
}
