using System.Text.Json;
using Velox.Host.Doctor;

namespace Velox.Integration.Tests.Doctor;

public class TuningScriptTests
{
    private const string TwoCorePlan = "H=0\nI=1\nMD_CPU=1\nENGINE_CPU=none\nOG_CPU=none\nARCHIVER_CPU=none\nISOLATION=isolcpus\nSMT=on\n";

    private string _dir = string.Empty;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("velox-tuning-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    private string WritePlan(string text)
    {
        var path = Path.Combine(_dir, "plan.env");
        File.WriteAllText(path, text);
        return path;
    }

    private string Generated(string relative) => File.ReadAllText(Path.Combine(_dir, "out", relative));

    [Test]
    public void Generate_writes_boot_line_sysctls_and_units_for_the_plan()
    {
        var (exit, _, error) = TuningScript.Run("generate.sh", "--plan", WritePlan(TwoCorePlan), Path.Combine(_dir, "out"));
        Assert.That(exit, Is.EqualTo(0), error);
        var plan = Plans.Parse(TwoCorePlan);
        Assert.Multiple(() =>
        {
            Assert.That(Generated("cmdline.txt").TrimEnd('\n'), Is.EqualTo(string.Join(' ', TuningTargets.CmdlineTokens(plan))));
            Assert.That(Generated("cmdline.txt"), Does.StartWith("isolcpus=managed_irq,domain,1 irqaffinity=0 "));
            Assert.That(Generated("cmdline.txt"), Does.Not.Contain("nohz_full").And.Not.Contain("nosmt"));
            var sysctl = Generated("rootfs/etc/sysctl.d/90-velox.conf");
            foreach (var (key, value) in TuningTargets.Sysctls)
            {
                Assert.That(sysctl, Does.Contain($"\n{key} = {value}\n"));
            }

            var md = Generated("rootfs/etc/systemd/system/velox-md.service");
            Assert.That(md, Does.Contain("ExecStart=/opt/velox/velox md --config /etc/velox/velox.json\n"));
            Assert.That(md, Does.Contain("CPUAffinity=0\n").And.Contain("LimitMEMLOCK=infinity\n").And.Contain("LimitRTPRIO=99\n"));
            Assert.That(md, Does.Contain("AmbientCapabilities=CAP_IPC_LOCK CAP_SYS_NICE CAP_NET_ADMIN\n").And.Contain("Restart=on-failure\n"));
            Assert.That(md, Does.Contain("DOTNET_gcServer=0").And.Contain("pins itself to CPU 1"));
            Assert.That(Generated("rootfs/etc/systemd/system/velox-engine.service"), Does.Contain("ExecStart=/opt/velox/velox engine --config /etc/velox/velox.json\n").And.Contain("unpinned"));
            Assert.That(File.Exists(Path.Combine(_dir, "out", "rootfs/etc/systemd/system/velox-og.service")), Is.False, "no unit for a command that does not exist");
            Assert.That(Generated("rootfs/etc/systemd/system/velox-archiver.service"),
                Does.Contain("ExecStart=/opt/velox/velox archive record --stream 11 --dir /var/lib/velox/archive --config /etc/velox/velox.json\n"));
            Assert.That(Generated("rootfs/etc/systemd/system.conf.d/10-velox-affinity.conf"), Does.Contain("CPUAffinity=0\n"));
            Assert.That(Generated("rootfs/etc/systemd/system/irqbalance.service.d/90-velox.conf"), Does.Contain("IRQBALANCE_BANNED_CPULIST=1\n"));
            var tuned = Generated("rootfs/etc/tuned/velox-appliance/tuned.conf");
            Assert.That(tuned, Does.Contain("include=cpu-partitioning\n").And.Contain("isolated_cores=1\n").And.Contain("kernel.sched_rt_runtime_us=-1\n"));
            Assert.That(Generated("rootfs/usr/local/sbin/velox-irq-affinity"), Does.Contain("echo 0 >"));
            Assert.That(Generated("rootfs/opt/velox/tuning/cpus.env"), Is.EqualTo(TwoCorePlan));
        });
    }

    [Test]
    public void Generate_refuses_a_contradictory_plan_and_writes_nothing()
    {
        var plan = WritePlan("H=0-1\nI=2-15\nMD_CPU=2\nENGINE_CPU=2\nOG_CPU=4\nARCHIVER_CPU=1\n");
        var (exit, _, error) = TuningScript.Run("generate.sh", "--plan", plan, Path.Combine(_dir, "out"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("[duplicate-agent-core] ENGINE_CPU=2").And.Contain("[agent-not-isolated] ARCHIVER_CPU=1"));
        Assert.That(Directory.Exists(Path.Combine(_dir, "out")), Is.False);
    }

    [Test]
    public void Check_runs_on_this_machine_and_ends_with_a_json_summary()
    {
        var (exit, output, error) = TuningScript.Run("check.sh");
        Assert.That(exit, Is.EqualTo(0).Or.EqualTo(1), error);
        using var json = JsonDocument.Parse(output.TrimEnd('\n').Split('\n')[^1]);
        var root = json.RootElement;
        Assert.That(
            root.GetProperty("ok").GetInt32() + root.GetProperty("drift").GetInt32() + root.GetProperty("unknown").GetInt32(),
            Is.EqualTo(root.GetProperty("total").GetInt32()));
        Assert.That(exit, Is.EqualTo(root.GetProperty("drift").GetInt32() == 0 ? 0 : 1));
    }

    [Test]
    public void Check_refuses_a_bad_plan_with_exit_2()
    {
        var (exit, _, error) = TuningScript.Run("check.sh", "--plan", WritePlan("H=0-1\nI=0-15\nMD_CPU=2\nENGINE_CPU=3\nOG_CPU=4\nARCHIVER_CPU=5\n"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("[overlap]").And.Contain("[cpu0-isolated]"));
    }

    [Test]
    public void Apply_refuses_without_yes()
    {
        var (exit, _, error) = TuningScript.Run("apply.sh");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--yes"));
    }
}
