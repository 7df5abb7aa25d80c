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

    public static RunningVelox Start(string binary)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "run", "--rate", "2000" })
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

    /// <summary>The exit code; fails the test (and kills the process) when it outlives <paramref name="timeout"/>.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill();
            Assert.Fail($"velox run did not exit within {timeout.TotalSeconds:F0} s\n{Transcript}");
        }

        // The parameterless wait drains the redirected streams.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
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
