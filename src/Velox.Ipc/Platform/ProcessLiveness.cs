using System.Globalization;
using System.Runtime.InteropServices;

namespace Velox.Ipc.Platform;

/// <summary>Is a process alive, and is it still the same process (pid reuse guarded by its start time)?</summary>
public static partial class ProcessLiveness
{
    private const int Esrch = 3;

    /// <summary>Start time of the current process (clock ticks since boot), 0 when unknown.</summary>
    public static long CurrentStartTime { get; } = ReadStartTime(Environment.ProcessId);

    /// <summary>
    /// Allocation-free liveness probe via kill(pid, 0): false only when the pid does not exist.
    /// A zombie (killed, not yet reaped) still counts as alive; heartbeats cover that case.
    /// </summary>
    public static bool IsPidAlive(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        return Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != Esrch;
    }

    /// <summary>Cold-path check: pid exists and (when known) started at the recorded time.</summary>
    public static bool IsAlive(int pid, long startTime)
    {
        if (!IsPidAlive(pid))
        {
            return false;
        }

        if (startTime == 0 || !OperatingSystem.IsLinux())
        {
            return true;
        }

        var actual = ReadStartTime(pid);
        return actual == 0 || actual == startTime;
    }

    /// <summary>Field 22 (starttime) of /proc/&lt;pid&gt;/stat, or 0 when unreadable.</summary>
    public static long ReadStartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state), so field 22 is fields[19].
            return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : 0;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
