using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Velox.Host.Cli;
using Velox.Host.Commands;

namespace Velox.Integration.Tests.Commands;

/// <summary>
/// ShutdownSignal in this process (a real SIGHUP to ourselves, the stop logic with a recorded exit) and in the
/// published AOT binary running `velox run` (real SIGTERM, SIGINT, SIGHUP sent with kill(2)).
/// </summary>
[NonParallelizable]
public partial class ShutdownSignalTests
{
    private const int SigHup = 1;
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private const int SigKill = 9;
    private const int SigStop = 19;

    [Test]
    public void Sighup_to_this_process_counts_a_reload_and_does_not_stop()
    {
        var exits = new ConcurrentQueue<int>();
        using var log = new StringWriter();
        using var shutdown = new ShutdownSignal(exits.Enqueue, log);

        Assert.That(Kill(Environment.ProcessId, SigHup), Is.EqualTo(0));
        Assert.That(() => shutdown.ReloadRequests, Is.EqualTo(1).After(5000, 20), "SIGHUP did not reach the handler");

        Assert.That(shutdown.TryTakeReload(out var total), Is.True);
        Assert.That(total, Is.EqualTo(1));
        Assert.That(shutdown.TryTakeReload(out total), Is.False, "a request is taken once");
        Assert.That(shutdown.IsRequested, Is.False);
        Assert.That(exits, Is.Empty);
    }

    [Test]
    public void Reloads_arriving_between_takes_are_taken_together()
    {
        using var log = new StringWriter();
        using var shutdown = new ShutdownSignal(_ => Assert.Fail("no exit expected"), log);
        Assert.That(shutdown.TryTakeReload(out _), Is.False);
        shutdown.Handle(PosixSignal.SIGHUP);
        shutdown.Handle(PosixSignal.SIGHUP);
        Assert.That(shutdown.TryTakeReload(out var total), Is.True);
        Assert.That(total, Is.EqualTo(2));
        shutdown.Handle(PosixSignal.SIGHUP);
        Assert.That(shutdown.TryTakeReload(out total), Is.True);
        Assert.That(total, Is.EqualTo(3));
    }

    [TestCase(PosixSignal.SIGINT, 130)]
    [TestCase(PosixSignal.SIGTERM, 143)]
    public void The_second_stop_signal_forces_exit_with_128_plus_its_number(PosixSignal signal, int code)
    {
        var exits = new ConcurrentQueue<int>();
        using var log = new StringWriter();
        using var shutdown = new ShutdownSignal(exits.Enqueue, log);

        Assert.That(shutdown.Handle(signal), Is.True);
        Assert.That(shutdown.IsRequested, Is.True);
        Assert.That(exits, Is.Empty);
        Assert.That(shutdown.Handle(signal), Is.True);
        Assert.That(exits, Has.Count.EqualTo(1));
        Assert.That(exits.Single(), Is.EqualTo(code));
        Assert.That(log.ToString(), Does.Contain($"second {signal} during shutdown: exiting now with {code}"));
    }

    [Test]
    public void A_signal_after_a_timed_stop_forces_exit()
    {
        var exits = new ConcurrentQueue<int>();
        using var log = new StringWriter();
        using var shutdown = new ShutdownSignal(exits.Enqueue, log);
        shutdown.StopAfter(TimeSpan.Zero);
        Assert.That(() => shutdown.IsRequested, Is.True.After(5000, 10));

        shutdown.Handle(PosixSignal.SIGTERM);
        Assert.That(exits, Has.Count.EqualTo(1));
        Assert.That(exits.Single(), Is.EqualTo(143));
    }

    [Test]
    public void Stop_steps_past_their_deadline_force_exit_3()
    {
        var exits = new ConcurrentQueue<int>();
        using var log = new StringWriter();
        using var shutdown = new ShutdownSignal(exits.Enqueue, log);
        using var release = new ManualResetEventSlim();

        // The recorded exit returns, so the hung step is released once the watchdog has fired.
        var watchdogFired = Task.Run(() => shutdown.RunStopSteps(() => release.Wait(TimeSpan.FromSeconds(30)), TimeSpan.FromMilliseconds(200)));
        Assert.That(() => exits.Count, Is.EqualTo(1).After(10_000, 20), "the deadline did not force an exit");
        release.Set();
        Assert.That(watchdogFired.Wait(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(exits, Has.Count.EqualTo(1));
        Assert.That(exits.Single(), Is.EqualTo(ExitCodes.Failure));
        Assert.That(log.ToString(), Does.Contain("stop steps still running after 0.2 s"));
    }

    [Test]
    public void Stop_steps_within_their_deadline_run_to_the_end_without_exit()
    {
        var exits = new ConcurrentQueue<int>();
        using var log = new StringWriter();
        using var shutdown = new ShutdownSignal(exits.Enqueue, log);
        var ran = false;

        shutdown.RunStopSteps(() => ran = true, TimeSpan.FromSeconds(30));
        Assert.That(ran, Is.True);
        Assert.That(exits, Is.Empty);
        Assert.That(log.ToString(), Is.Empty);
    }

    [Test]
    public void Native_run_stops_cleanly_on_sigterm_and_prints_the_summary()
    {
        using var run = RunningVelox.Start(VeloxBinary.Require());
        run.WaitForStatusLine();

        Assert.That(Kill(run.Pid, SigTerm), Is.EqualTo(0));
        var code = run.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), run.Transcript);
        Assert.That(run.Output, Does.Contain("summary:"), run.Transcript);
        Assert.That(run.Error, Does.Contain("velox: SIGTERM: stopping"), run.Transcript);
    }

    [Test]
    public void Native_run_stops_on_sigint_even_when_started_with_sigint_ignored()
    {
        // A background job of a shell script inherits SIGINT ignored, and the runtime never handles a signal it
        // found ignored; velox puts SIGINT back first so its promised stop still comes. The harness really ignores it:
        var probe = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", RunningVelox.IgnoreInterruptThenExec, "/bin/grep", "^SigIgn:", "/proc/self/status"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var ignored = probe.StandardOutput.ReadToEnd();
        probe.WaitForExit();
        var mask = ulong.Parse(ignored.Split(':')[1].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.That(mask & (1UL << (SigInt - 1)), Is.Not.Zero, $"the shell did not pass SIGINT on ignored: {ignored}");

        using var run = RunningVelox.StartWithInterruptIgnored(VeloxBinary.Require());
        run.WaitForStatusLine();
        Assert.That(Kill(run.Pid, SigInt), Is.EqualTo(0));
        run.WaitForError("velox: SIGINT: stopping");
        var code = run.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), run.Transcript);
        Assert.That(run.Output, Does.Contain("summary:"), run.Transcript);
    }

    [Test]
    public void Native_run_exits_130_at_once_on_a_second_sigint_while_its_stop_hangs_on_a_frozen_child()
    {
        // Two SIGINTs sent back to back merge into one pending signal, so the second is sent once the first is
        // handled. The stop must still be running then: md is frozen (SIGSTOP), so the launcher's stop waits
        // the 3 s grace on it before SIGKILL; the second SIGINT has to end the launcher before that.
        using var run = RunningVelox.Start(VeloxBinary.Require(), "--topology", "multi");
        run.WaitForStatusLine();
        var started = MultiStart().Match(run.Output);
        Assert.That(started.Success, Is.True, run.Transcript);
        var md = int.Parse(started.Groups["md"].Value, CultureInfo.InvariantCulture);
        var engine = int.Parse(started.Groups["engine"].Value, CultureInfo.InvariantCulture);
        int code;
        try
        {
            Assert.That(Kill(md, SigStop), Is.EqualTo(0));
            Assert.That(Kill(run.Pid, SigInt), Is.EqualTo(0));
            run.WaitForError("velox: SIGINT: stopping");
            Assert.That(Kill(run.Pid, SigInt), Is.EqualTo(0));
            code = run.WaitForProcessExit(TimeSpan.FromSeconds(10));
        }
        finally
        {
            // The forced exit skips the launcher's cleanup: its children and IPC directory are ours to remove.
            _ = Kill(md, SigKill);
            _ = Kill(engine, SigKill);
            var directory = started.Groups["ipc"].Value;
            if (directory.StartsWith("/dev/shm/", StringComparison.Ordinal) && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        run.DrainOutput();
        Assert.That(code, Is.EqualTo(128 + SigInt), run.Transcript);
        Assert.That(run.Error, Does.Contain("second SIGINT during shutdown: exiting now with 130"), run.Transcript);
        Assert.That(run.Output, Does.Not.Contain("ignored SIGTERM"), "the launcher waited out the grace period instead of exiting at once");
    }

    [Test]
    public void Native_run_keeps_running_on_sighup_and_reports_the_reload_request()
    {
        using var run = RunningVelox.Start(VeloxBinary.Require());
        run.WaitForStatusLine();

        Assert.That(Kill(run.Pid, SigHup), Is.EqualTo(0));
        Assert.That(() => run.Output, Does.Contain("reload requested (SIGHUP, 1 so far)").After(15_000, 50), run.Transcript);
        var statusLines = run.StatusLines;
        Assert.That(() => run.StatusLines, Is.GreaterThan(statusLines).After(10_000, 50), "status lines stopped after SIGHUP");
        Assert.That(run.HasExited, Is.False, run.Transcript);

        Assert.That(Kill(run.Pid, SigTerm), Is.EqualTo(0));
        Assert.That(run.WaitForExit(TimeSpan.FromSeconds(30)), Is.EqualTo(ExitCodes.Ok), run.Transcript);
        Assert.That(run.Output, Does.Contain("summary:"), run.Transcript);
    }

    [GeneratedRegex(@"IPC (?<ipc>[^,]+), .*md pid (?<md>\d+).*engine pid (?<engine>\d+)|IPC (?<ipc>[^,]+), .*engine pid (?<engine>\d+).*md pid (?<md>\d+)")]
    private static partial Regex MultiStart();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
