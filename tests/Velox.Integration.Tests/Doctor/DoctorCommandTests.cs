using System.Text.Json;
using Velox.Host.Doctor;

namespace Velox.Integration.Tests.Doctor;

public class DoctorCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = DoctorCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static JsonElement LastLineJson(string output)
    {
        var last = output.TrimEnd('\n').Split('\n')[^1];
        using var document = JsonDocument.Parse(last);
        return document.RootElement.Clone();
    }

    [Test]
    public void Summary_json_counts_statuses_and_lists_drifted_knobs()
    {
        KnobResult[] rows =
        [
            new("a", "1", "1", KnobStatus.Ok),
            new("b", "1", "2", KnobStatus.Drift),
            new("c", "1", "unreadable", KnobStatus.Unknown),
            new("d", "x", "\"quoted\"", KnobStatus.Drift),
        ];
        var json = DoctorSummary.ToJson(rows, "/etc/velox \"plan\"", null);
        Assert.That(json, Does.Not.Contain('\n'));
        Assert.That(json, Does.StartWith("{\"ok\":1,\"drift\":2,\"unknown\":1,\"total\":4,\"drifted\":[\"b\",\"d\"],"));
        using var document = JsonDocument.Parse(json);
        Assert.That(document.RootElement.GetProperty("plan").GetString(), Is.EqualTo("/etc/velox \"plan\""));
    }

    [Test]
    public void Tuned_fake_machine_exits_0_with_environment_facts()
    {
        using var fake = FakeSystem.Tuned(CpuPlan.Defaults);
        var (exit, output, error) = Run("--json", "--root", fake.Root);
        Assert.That(exit, Is.EqualTo(0), error);
        Assert.That(output.TrimEnd('\n'), Does.Not.Contain('\n'), "--json prints only the summary line");
        var json = LastLineJson(output);
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("drift").GetInt32(), Is.EqualTo(0));
            Assert.That(json.GetProperty("unknown").GetInt32(), Is.EqualTo(0));
            Assert.That(json.GetProperty("cpu_model").GetString(), Is.EqualTo("Fake CPU @ 3.00GHz"));
            Assert.That(json.GetProperty("cpus").GetInt32(), Is.EqualTo(16));
            Assert.That(json.GetProperty("kernel").GetString(), Is.EqualTo("6.1.0-fake-amd64"));
            Assert.That(json.GetProperty("memlock_limit").GetString(), Is.EqualTo("unlimited"));
            Assert.That(json.GetProperty("may_mlock").GetBoolean(), Is.True);
            Assert.That(json.GetProperty("may_sched_fifo").GetBoolean(), Is.True);
        });
    }

    [Test]
    public void Drift_exits_1_and_prints_the_table()
    {
        using var fake = FakeSystem.Tuned(CpuPlan.Defaults);
        fake.Write("/proc/sys/vm/swappiness", "60\n");
        var (exit, output, _) = Run("--root", fake.Root);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.StartWith(DoctorTable.Header));
        Assert.That(output, Does.Contain(DoctorTable.FormatRow(new("sysctl.vm.swappiness", "0", "60", KnobStatus.Drift))));
        Assert.That(output, Does.Contain("RLIMIT_MEMLOCK"));
        Assert.That(LastLineJson(output).GetProperty("drifted")[0].GetString(), Is.EqualTo("sysctl.vm.swappiness"));
    }

    [Test]
    public void Bad_plan_exits_2_naming_the_problem()
    {
        var plan = Path.GetTempFileName();
        try
        {
            File.WriteAllText(plan, "H=0-1\nI=1-15\nMD_CPU=2\nENGINE_CPU=3\nOG_CPU=4\nARCHIVER_CPU=5\n");
            var (exit, output, error) = Run("--plan", plan);
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.Contain("[overlap] CPUs 1 are in both H"));
        }
        finally
        {
            File.Delete(plan);
        }
    }

    [TestCase("--frobnicate")]
    [TestCase("extra")]
    [TestCase("--plan")]
    public void Bad_arguments_exit_2(string arg) => Assert.That(Run(arg).Exit, Is.EqualTo(2));

    [Test]
    public void Real_machine_completes_with_a_well_formed_summary()
    {
        var (exit, output, error) = Run("--json");
        Assert.That(exit, Is.EqualTo(0).Or.EqualTo(1), error);
        var json = LastLineJson(output);
        var ok = json.GetProperty("ok").GetInt32();
        var drift = json.GetProperty("drift").GetInt32();
        var unknown = json.GetProperty("unknown").GetInt32();
        Assert.That(ok + drift + unknown, Is.EqualTo(json.GetProperty("total").GetInt32()));
        Assert.That(json.GetProperty("drifted").GetArrayLength(), Is.EqualTo(drift));
        Assert.That(exit, Is.EqualTo(drift == 0 ? 0 : 1));
        Assert.That(json.GetProperty("kernel").GetString(), Is.Not.Empty);
        TestContext.Out.WriteLine(output);
    }
}
