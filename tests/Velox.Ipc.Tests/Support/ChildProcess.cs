using System.Diagnostics;
using Velox.Testing;

namespace Velox.Ipc.Tests.Support;

/// <summary>A Velox.Ipc.StressChild process with its stdout collected line by line.</summary>
internal sealed class ChildProcess : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly Process _process;
    private readonly List<string> _lines = [];

    public ChildProcess(params string[] args)
    {
        var dll = Path.Combine(SharedData.RepositoryRoot, "tests", "Velox.Ipc.StressChild", "bin", Configuration, "net9.0", "Velox.Ipc.StressChild.dll");
        if (!File.Exists(dll))
        {
            Assert.Inconclusive($"stress child not built: {dll}");
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add(e.Data);
                }
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add("stderr: " + e.Data);
                }
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>True once a line starting with the prefix has been printed (checked at least once).</summary>
    public bool WaitForLine(string prefix, int timeoutMillis)
    {
        var deadline = Environment.TickCount64 + timeoutMillis;
        while (true)
        {
            lock (_lines)
            {
                if (_lines.Exists(l => l.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            if (Environment.TickCount64 >= deadline || _process.HasExited)
            {
                return false;
            }

            Thread.Sleep(10);
        }
    }

    /// <summary>Exit code, or null on timeout.</summary>
    public int? WaitForExit(int timeoutMillis)
    {
        if (!_process.WaitForExit(timeoutMillis))
        {
            return null;
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, then reap.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
