using System.Diagnostics;
using System.Runtime.Versioning;
using Velox.Host.Doctor;
using Velox.Integration.Tests.Commands;
using Velox.Testing;

namespace Velox.Integration.Tests.Image;

/// <summary>
/// The appliance image recipe (tuning/image): the package set resolves against the Debian mirror, the
/// hooks install the binary, tuning files and units into a tree, and a real mmdebstrap build yields a
/// tarball with all of it inside.
/// </summary>
[NonParallelizable]
[SupportedOSPlatform("linux")]
public class ApplianceImageTests
{
    private static readonly string[] AgentUnits = ["velox-md.service", "velox-engine.service", "velox-archiver.service"];
    private static readonly string[] VeloxHomeAndShell = ["/var/lib/velox", "/usr/sbin/nologin"];

    private string _dir = string.Empty;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("velox-image-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    private static string Recipe => Path.Combine(ImageTools.ImageDirectory, "build-image.sh");

    private static string Hook(string name) => Path.Combine(ImageTools.ImageDirectory, "hooks", name);

    private static CpuPlan RepositoryPlan()
    {
        var path = Path.Combine(SharedData.RepositoryRoot, "tuning", "cpus.env");
        Assert.That(CpuPlanFile.TryLoad(path, out var plan, out var problems), Is.True, string.Join("\n", problems));
        return plan!;
    }

    [Test]
    public void Dry_run_resolves_the_package_set_against_the_Debian_mirror()
    {
        ImageTools.RequireTool("mmdebstrap", "apt-get install mmdebstrap (./build.sh test installs it)");
        ImageTools.RequireMirror();

        var clock = Stopwatch.StartNew();
        var (exit, output, error) = ImageTools.Run("/bin/bash", TimeSpan.FromMinutes(3), Recipe, "--dry-run");
        ImageTools.InconclusiveOnNetworkFailure(exit, error);
        TestContext.Out.WriteLine($"mmdebstrap --simulate of the recipe: {clock.Elapsed.TotalSeconds:F1} s");

        Assert.That(exit, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("package set resolves"));
        Assert.That(error, Does.Contain($"{ImageTools.Packages().Count} packages over the apt variant"));
        Assert.That(error, Does.Contain("simulate installing remaining packages"));
    }

    [Test]
    public void Hooks_install_binary_tuning_user_and_enabled_units_into_a_tree()
    {
        ImageTools.RequireTool("systemctl", "customize.sh enables units with systemctl --root");
        ImageTools.RequireTool("systemd-sysusers", "customize.sh creates the velox user with systemd-sysusers --root");
        ImageTools.RequireRoot("customize.sh gives /var/lib/velox to the velox user (chown)");
        var plan = RepositoryPlan();
        var tuning = Path.Combine(_dir, "tuning");
        var root = Path.Combine(_dir, "root");
        var (exit, _, error) = ImageTools.Run("/bin/bash", TimeSpan.FromMinutes(1), Path.Combine(SharedData.RepositoryRoot, "tuning", "generate.sh"), tuning);
        Assert.That(exit, Is.EqualTo(0), error);
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        File.WriteAllText(Path.Combine(root, "etc", "passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        File.WriteAllText(Path.Combine(root, "etc", "group"), "root:x:0:\n");
        var binary = Path.Combine(_dir, "velox");
        File.WriteAllText(binary, "#!/bin/sh\necho stand-in velox\n");
        File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        (exit, _, error) = ImageTools.Run("/bin/sh", TimeSpan.FromMinutes(1), Hook("essential.sh"), root, tuning);
        Assert.That(exit, Is.EqualTo(0), error);
        (exit, _, error) = ImageTools.Run("/bin/sh", TimeSpan.FromMinutes(1), Hook("customize.sh"), root, binary, ExampleConfig);
        Assert.That(exit, Is.EqualTo(0), error);

        string InRoot(string relative) => Path.Combine(root, relative);
        var executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        var units = InRoot("etc/systemd/system");
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(InRoot("opt/velox/velox")), Is.EqualTo(File.ReadAllText(binary)));
            Assert.That(File.GetUnixFileMode(InRoot("opt/velox/velox")), Is.EqualTo(executable));
            Assert.That(File.ReadAllText(InRoot("etc/sysctl.d/90-velox.conf")), Is.EqualTo(File.ReadAllText(Path.Combine(tuning, "rootfs/etc/sysctl.d/90-velox.conf"))));
            Assert.That(File.ReadAllText(InRoot("etc/sysctl.d/90-velox.conf")), Does.Contain("\nkernel.sched_rt_runtime_us = -1\n"));
            Assert.That(File.GetUnixFileMode(InRoot("etc/sysctl.d/90-velox.conf")), Is.EqualTo(executable & ~(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)));
            Assert.That(File.ReadAllText(InRoot("etc/tuned/velox-appliance/tuned.conf")), Does.Contain($"\nisolated_cores={plan.Isolated}\n"));
            Assert.That(File.ReadAllText(InRoot("usr/local/sbin/velox-irq-affinity")), Does.Contain($"echo {plan.Housekeeping} >"));
            Assert.That(File.GetUnixFileMode(InRoot("usr/local/sbin/velox-irq-affinity")), Is.EqualTo(executable));
            Assert.That(File.ReadAllText(InRoot("opt/velox/tuning/cmdline.txt")), Is.EqualTo(File.ReadAllText(Path.Combine(tuning, "cmdline.txt"))));
            Assert.That(File.ReadAllText(InRoot("opt/velox/tuning/cmdline.txt")), Does.Contain($"irqaffinity={plan.Housekeeping} "));
            Assert.That(File.ReadAllText(InRoot("etc/systemd/system.conf.d/10-velox-affinity.conf")), Does.Contain($"\nCPUAffinity={plan.Housekeeping}\n"));
            Assert.That(File.ReadAllText(InRoot("etc/hostname")), Is.EqualTo("velox\n"));

            var passwd = File.ReadAllLines(InRoot("etc/passwd")).Single(line => line.StartsWith("velox:", StringComparison.Ordinal)).Split(':');
            Assert.That(passwd[5..], Is.EqualTo(VeloxHomeAndShell));
            Assert.That(Owner(InRoot("var/lib/velox")), Is.EqualTo($"{passwd[2]}:{passwd[3]} 750"));
            Assert.That(Owner(InRoot("etc/velox")), Is.EqualTo($"0:{passwd[3]} 750"));
            Assert.That(File.ReadAllText(InRoot("etc/velox/velox.json")), Is.EqualTo(File.ReadAllText(ExampleConfig)));
            Assert.That(Owner(InRoot("etc/velox/velox.json")), Is.EqualTo($"0:{passwd[3]} 640"));

            foreach (var unit in AgentUnits)
            {
                var text = File.ReadAllText(Path.Combine(units, unit));
                var exec = text.Split('\n').Single(line => line.StartsWith("ExecStart=", StringComparison.Ordinal));
                Assert.That(exec, Does.StartWith("ExecStart=/opt/velox/velox "), unit);
                Assert.That(File.Exists(InRoot(exec["ExecStart=/".Length..].Split(' ')[0])), Is.True, $"{unit}: {exec} names a file the tree lacks");
                Assert.That(text, Does.Contain($"\nCPUAffinity={plan.Housekeeping}\n"), unit);
                var agent = unit["velox-".Length..^".service".Length];
                var pin = plan.Pins.Single(p => p.Agent == agent);
                Assert.That(text, Does.Contain(pin.Cpu is { } cpu ? $"pins itself to CPU {cpu} " : "is unpinned"), unit);
                Assert.That(File.ReadAllText(Path.Combine(units, unit + ".d", "50-image-user.conf")), Does.Contain("\nUser=velox\nGroup=velox\n"), unit);
            }

            foreach (var unit in AgentUnits.Append("velox-runtime-tuning.service"))
            {
                var link = new FileInfo(Path.Combine(units, "multi-user.target.wants", unit));
                Assert.That(link.LinkTarget, Is.EqualTo($"/etc/systemd/system/{unit}"), $"{unit} is not enabled");
            }

            Assert.That(new FileInfo(Path.Combine(units, "apt-daily.timer")).LinkTarget, Is.EqualTo("/dev/null"));
        });
    }

    [Test]
    public void Hooks_refuse_a_tree_without_tuning_files_or_binary()
    {
        var root = Directory.CreateDirectory(Path.Combine(_dir, "root")).FullName;
        var (exit, _, error) = ImageTools.Run("/bin/sh", TimeSpan.FromMinutes(1), Hook("essential.sh"), root, Path.Combine(_dir, "missing"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("run tuning/generate.sh first"));

        (exit, _, error) = ImageTools.Run("/bin/sh", TimeSpan.FromMinutes(1), Hook("customize.sh"), root, Path.Combine(_dir, "no-velox"), ExampleConfig);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("run ./build.sh publish first"));

        (exit, _, error) = ImageTools.Run("/bin/sh", TimeSpan.FromMinutes(1), Hook("customize.sh"), root, ExampleConfig);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("usage: customize.sh ROOT VELOX_BINARY CONFIG"));
        Assert.That(Directory.EnumerateFileSystemEntries(root), Is.Empty);
    }

    [Test]
    public void Recipe_refuses_a_config_that_fails_velox_config_check_before_building()
    {
        var binary = VeloxBinary.Require();
        ImageTools.RequireTool("mmdebstrap", "apt-get install mmdebstrap (./build.sh test installs it)");
        var config = Path.Combine(_dir, "velox.json");
        File.WriteAllText(config, "{ \"mode\": \"paper\", \"risk\": { \"maxOpenOrders\": \"many\" } }");
        var tarball = Path.Combine(_dir, "rootfs.tar");

        var (exit, _, error) = ImageTools.Run("/bin/bash", TimeSpan.FromMinutes(1), Recipe, "--binary", binary, "--config", config, "--out", tarball);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2), error);
            Assert.That(error, Does.Contain("risk.maxOpenOrders"));
            Assert.That(error, Does.Contain("does not pass velox config check"));
            Assert.That(File.Exists(tarball), Is.False);
        });
    }

    [Test]
    [Category("ImageBuild")]
    public void Real_build_writes_a_bootable_userland_tarball_that_runs_the_binary()
    {
        var binary = VeloxBinary.Require();
        ImageTools.RequireTool("mmdebstrap", "apt-get install mmdebstrap (./build.sh test installs it)");
        ImageTools.RequireRoot("mmdebstrap --mode=root and the chroot check need root");
        ImageTools.RequireMirror();
        var tarball = Path.Combine(_dir, "rootfs.tar");

        var clock = Stopwatch.StartNew();
        var (exit, _, error) = ImageTools.Run("/bin/bash", TimeSpan.FromMinutes(8), Recipe, "--binary", binary, "--out", tarball);
        ImageTools.InconclusiveOnNetworkFailure(exit, error);
        TestContext.Out.WriteLine($"mmdebstrap build of the recipe: {clock.Elapsed.TotalSeconds:F1} s, {new FileInfo(tarball).Length / 1_000_000} MB");
        Assert.That(exit, Is.EqualTo(0), error);

        var root = Directory.CreateDirectory(Path.Combine(_dir, "root")).FullName;
        (exit, _, error) = ImageTools.Run("tar", TimeSpan.FromMinutes(2), "-xf", tarball, "-C", root);
        Assert.That(exit, Is.EqualTo(0), error);
        string InRoot(string relative) => Path.Combine(root, relative);

        var (run, usage, runError) = ImageTools.Run("chroot", TimeSpan.FromMinutes(1), root, "/opt/velox/velox", "help");
        var (check, checkOutput, checkError) = ImageTools.Run("chroot", TimeSpan.FromMinutes(1), root, "/opt/velox/velox", "config", "check", "--config", "/etc/velox/velox.json");
        var manifest = File.ReadAllLines(InRoot("opt/velox/image-packages.txt")).Select(line => line.Split('\t')[0]).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(run, Is.EqualTo(0), runError);
            Assert.That(usage, Does.Contain("usage: velox <command>"));
            Assert.That(check, Is.EqualTo(0), checkOutput + checkError);
            Assert.That(new FileInfo(InRoot("opt/velox/velox")).Length, Is.EqualTo(new FileInfo(binary).Length));
            Assert.That(new FileInfo(InRoot("sbin/init")).ResolveLinkTarget(returnFinalTarget: false)?.FullName, Does.EndWith("systemd"));
            Assert.That(manifest, Is.SupersetOf(ImageTools.Packages()));
            Assert.That(File.ReadAllText(InRoot("etc/passwd")), Does.Contain("\nvelox:x:"));
            Assert.That(File.Exists(InRoot("etc/sysctl.d/90-velox.conf")), Is.True);
            Assert.That(File.Exists(InRoot("etc/tuned/velox-appliance/tuned.conf")), Is.True);
            Assert.That(File.Exists(InRoot("etc/systemd/system/irqbalance.service.d/90-velox.conf")), Is.True);
            Assert.That(new FileInfo(InRoot("etc/systemd/system/multi-user.target.wants/velox-md.service")).LinkTarget, Is.EqualTo("/etc/systemd/system/velox-md.service"));
            Assert.That(new FileInfo(InRoot("etc/systemd/system/multi-user.target.wants/velox-runtime-tuning.service")).LinkTarget, Is.Not.Null);
            Assert.That(Directory.Exists(InRoot("usr/share/man/man1")) && Directory.EnumerateFiles(InRoot("usr/share/man/man1")).Any(), Is.False, "manuals are excluded");
        });
    }

    private static string ExampleConfig => Path.Combine(SharedData.RepositoryRoot, "config", "velox.example.json");

    private static string Owner(string path)
    {
        var (exit, output, error) = ImageTools.Run("stat", TimeSpan.FromSeconds(30), "-c", "%u:%g %a", path);
        Assert.That(exit, Is.EqualTo(0), error);
        return output.Trim();
    }
}
