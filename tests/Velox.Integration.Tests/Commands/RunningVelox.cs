using System.Diagnostics;
using System.Text;

namespace Velox.Integration.Tests.Commands;

/// <summary>
/// A `velox run` process of the AOT binary left running for signal tests; its stdout and stderr are collected
/// as they arrive. Disposing kills it when a test left it running.
/// </summary>
internal sealed class RunningVelox : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private int _statusLines;

    private RunningVelox(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Per-second status lines printed so far.</summary>
    public int StatusLines => Volatile.Read(ref _statusLines);

    public string Transcript => $"stdout:\n{Output}\nstderr:\n{Error}";

    /// <summary>Starts `velox run --rate 2000` followed by <paramref name="extra"/>.</summary>
    public static RunningVelox Start(string binary, params string[] extra) => Launch(binary, ["run", "--rate", "2000", .. extra]);

    /// <summary>
    /// Starts `velox run --rate 2000` the way a shell script starts a background job: through /bin/sh with SIGINT
    /// ignored (`trap '' INT`), which exec keeps; the process is velox itself (same pid).
    /// </summary>
    public static RunningVelox StartWithInterruptIgnored(string binary) =>
        Launch("/bin/sh", ["-c", IgnoreInterruptThenExec, binary, "run", "--rate", "2000"]);

    /// <summary>The /bin/sh script of <see cref="StartWithInterruptIgnored"/>: its $0 and $@ are the program and its arguments.</summary>
    public const string IgnoreInterruptThenExec = "trap '' INT; exec \"$0\" \"$@\"";

    private static RunningVelox Launch(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        var run = new RunningVelox(process);
        process.OutputDataReceived += (_, e) => run.Append(run._output, e.Data, isOutput: true);
        process.ErrorDataReceived += (_, e) => run.Append(run._error, e.Data, isOutput: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Waits for the first per-second status line: the signal handlers are registered by then.</summary>
    public void WaitForStatusLine()
    {
        var clock = Stopwatch.StartNew();
        while (StatusLines == 0)
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail($"velox run printed no status line within {clock.Elapsed.TotalSeconds:F0} s\n{Transcript}");
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>Waits until stderr contains <paramref name="text"/>; fails after 30 s or when the process exits first.</summary>
    public void WaitForError(string text)
    {
        var clock = Stopwatch.StartNew();
        while (!Error.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail($"velox run did not print '{text}' on stderr within {clock.Elapsed.TotalSeconds:F0} s\n{Transcript}");
            }

            Thread.Sleep(5);
        }
    }

    /// <summary>The exit code after all output is read; fails the test (and kills the process) when it outlives <paramref name="timeout"/>.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        var code = WaitForProcessExit(timeout);

        // The parameterless wait drains the redirected streams.
        _process.WaitForExit();
        return code;
    }

    /// <summary>
    /// The exit code as soon as the process is gone, without waiting for its output to end (children that
    /// inherited stdout keep it open); fails the test (and kills the process) after <paramref name="timeout"/>.
    /// </summary>
    public int WaitForProcessExit(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!_process.HasExited)
        {
            if (clock.Elapsed > timeout)
            {
                _process.Kill();
                Assert.Fail($"velox run did not exit within {timeout.TotalSeconds:F0} s\n{Transcript}");
            }

            Thread.Sleep(10);
        }

        return _process.ExitCode;
    }

    /// <summary>Waits until stdout and stderr are closed (the process and every child holding them are gone).</summary>
    public void DrainOutput() => _process.WaitForExit();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line, bool isOutput)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.Append(line).Append('\n');
        }

        if (isOutput && line.StartsWith('[') && line.Contains("msg/s", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _statusLines);
        }
    }
}
