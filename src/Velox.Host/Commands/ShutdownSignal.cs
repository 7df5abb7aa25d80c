using System.Runtime.InteropServices;
using Velox.Host.Cli;

namespace Velox.Host.Commands;

/// <summary>
/// The process lifecycle signals of a velox command. SIGINT (Ctrl-C) and SIGTERM (systemd, launchers) turn into
/// a cancellation the command loops poll; a second one exits at once with 128 + the signal number (130, 143),
/// skipping the remaining stop steps. SIGHUP never stops the process: it counts a reload request the command
/// loop takes with <see cref="TryTakeReload"/>. <see cref="RunStopSteps"/> bounds the stop steps by a deadline.
/// Dispose to restore default handling.
/// </summary>
public sealed partial class ShutdownSignal : IDisposable
{
    /// <summary>How long a command's stop steps may take before the process is forced to exit.</summary>
    public static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(10);

    private const int SigInt = 2;
    private const int SigTerm = 15;
    private const nint SigDefault = 0;
    private const nint SigIgnore = 1;

    private readonly CancellationTokenSource _stop = new();
    private readonly Action<int> _forceExit;
    private readonly TextWriter _log;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly PosixSignalRegistration _hangUp;
    private long _reloadRequests;
    private long _reloadsTaken;
    private int _stopSignals;

    /// <summary>Registers the handlers; a forced exit ends the process at once (libc _exit) and reports on stderr.</summary>
    public ShutdownSignal()
        : this(ExitNow, Console.Error)
    {
    }

    /// <summary>Registers the handlers with the given way to end the process (tests record it instead) and report channel.</summary>
    public ShutdownSignal(Action<int> forceExit, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(forceExit);
        ArgumentNullException.ThrowIfNull(log);
        _forceExit = forceExit;
        _log = log;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
    }

    public CancellationToken Token => _stop.Token;

    public bool IsRequested => _stop.IsCancellationRequested;

    /// <summary>Reload requests (SIGHUP) received so far.</summary>
    public long ReloadRequests => Interlocked.Read(ref _reloadRequests);

    /// <summary>Requests shutdown after <paramref name="duration"/> when given.</summary>
    public void StopAfter(TimeSpan? duration)
    {
        if (duration is { } d)
        {
            _stop.CancelAfter(d);
        }
    }

    /// <summary>
    /// What a received signal does, also callable directly (a control command, tests). SIGHUP counts a reload
    /// request; the first SIGINT/SIGTERM requests shutdown; one during shutdown forces exit with 128 + its number.
    /// Returns false for signals this class does not handle.
    /// </summary>
    public bool Handle(PosixSignal signal)
    {
        switch (signal)
        {
            case PosixSignal.SIGHUP:
                Interlocked.Increment(ref _reloadRequests);
                return true;
            case PosixSignal.SIGINT or PosixSignal.SIGTERM:
                var name = signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM";
                // A stop already under way (an earlier signal, or StopAfter's deadline) makes this one the second.
                if (Interlocked.Increment(ref _stopSignals) == 1 && !_stop.IsCancellationRequested)
                {
                    _log.WriteLine($"velox: {name}: stopping (send it again to exit at once)");
                    _stop.Cancel();
                    return true;
                }

                var code = 128 + (signal == PosixSignal.SIGINT ? SigInt : SigTerm);
                _log.WriteLine($"velox: second {name} during shutdown: exiting now with {code}");
                _forceExit(code);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// True when reload requests arrived since the last call (several SIGHUPs in between count as one take);
    /// <paramref name="total"/> is the number received so far.
    /// </summary>
    public bool TryTakeReload(out long total)
    {
        total = Interlocked.Read(ref _reloadRequests);
        return Interlocked.Exchange(ref _reloadsTaken, total) != total;
    }

    /// <summary>
    /// Runs a command's stop steps on this thread; when they are still running after <paramref name="deadline"/>,
    /// reports it and forces exit with <see cref="ExitCodes.Failure"/>, so a hung stop never keeps the process alive.
    /// </summary>
    public void RunStopSteps(Action steps, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(steps);
        using var done = new ManualResetEventSlim();
        var watchdog = new Thread(() =>
        {
            if (!done.Wait(deadline))
            {
                _log.WriteLine($"velox: stop steps still running after {deadline.TotalSeconds:F1} s: exiting now with {ExitCodes.Failure}");
                _forceExit(ExitCodes.Failure);
            }
        })
        { Name = "velox-stop-deadline", IsBackground = true };
        watchdog.Start();
        try
        {
            steps();
        }
        finally
        {
            done.Set();
            watchdog.Join();
        }
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _hangUp.Dispose();
        _stop.Dispose();
    }

    /// <summary>
    /// Puts SIGINT back to its default when the process was started with it ignored (a background job of a shell
    /// script inherits SIGINT and SIGQUIT ignored). The runtime respects an ignored SIGINT for good: it never installs
    /// its handler, so the stop that <see cref="ShutdownSignal"/> promises for SIGINT would silently never come, and a
    /// launcher's children would inherit the same. Call it first thing in Main, before anything uses the console,
    /// processes or signal registrations (the runtime reads the disposition once, then).
    /// </summary>
    public static void AcceptInterruptEvenIfIgnored()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var previous = SetSignal(SigInt, SigDefault);
        if (previous != SigIgnore)
        {
            SetSignal(SigInt, previous);
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Handled signals never take the default action (terminate): a forced exit ends the process itself.
        context.Cancel = Handle(context.Signal);
    }

    private static void ExitNow(int code) => Exit(code);

    // signal(2): returns the previous disposition (SIG_DFL 0, SIG_IGN 1, or a handler's address).
    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SetSignal(int signal, nint handler);

    // _exit: no managed shutdown (finalizers, ProcessExit handlers) that could itself hang; Console streams autoflush.
    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void Exit(int status);
}
