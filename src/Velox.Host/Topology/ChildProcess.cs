using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Velox.Host.Topology;

/// <summary>
/// One velox child process of the launcher (md, engine). Inherits the launcher's stdout/stderr; stopped with
/// SIGTERM (the children's clean shutdown), then SIGKILL after a grace period.
/// </summary>
public sealed partial class ChildProcess : IDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;

    private ChildProcess(string role, Process process)
    {
        Role = role;
        _process = process;
    }

    /// <summary>The role, as on the command line (md, engine).</summary>
    public string Role { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Exit code; on Linux a child killed by signal N reports 128 + N.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts `velox &lt;role&gt; args…`.</summary>
    public static ChildProcess Start(VeloxExecutable executable, string role, IEnumerable<string> arguments) =>
        Start(executable, role, role, arguments);

    /// <summary>Starts `velox COMMAND ARGUMENTS` under a role name that differs from the command (e.g. the archiver).</summary>
    public static ChildProcess Start(VeloxExecutable executable, string role, string command, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(executable.FileName) { UseShellExecute = false };
        foreach (var leading in executable.LeadingArguments)
        {
            start.ArgumentList.Add(leading);
        }

        start.ArgumentList.Add(command);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new ChildProcess(role, Process.Start(start) ?? throw new InvalidOperationException($"could not start velox {role}"));
    }

    /// <summary>SIGTERM, wait up to <paramref name="grace"/>, then SIGKILL; returns true when the child stopped within the grace period.</summary>
    public bool Stop(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return true;
        }

        _ = Kill(_process.Id, SigTerm);
        if (_process.WaitForExit(grace))
        {
            return true;
        }

        _process.Kill();
        _process.WaitForExit();
        return false;
    }

    /// <summary>"exit code 3" or "killed by signal 9 (SIGKILL)", for reports.</summary>
    public string DescribeExit()
    {
        var code = _process.ExitCode;
        return code > 128 && code < 128 + 65
            ? $"killed by signal {code - 128} ({SignalName(code - 128)})"
            : $"exit code {code}";
    }

    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(3));
        _process.Dispose();
    }

    private static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        6 => "SIGABRT",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        _ => "signal",
    };

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
