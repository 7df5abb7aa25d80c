using System.Diagnostics.CodeAnalysis;
using Velox.Core.Time;
using Velox.Host.Commands;
using Velox.Logging;
using Velox.Logging.Sinks;
using Velox.MarketData.Sync;
using ConfigLevel = Velox.Host.Config.LogLevel;
using LoggingConfig = Velox.Host.Config.LoggingConfig;

namespace Velox.Host.Logging;

/// <summary>
/// The structured log of `velox run`: a <see cref="Logger"/> built from the logging section (stdout and/or a
/// rotated file, default and per-component levels, `--log-level` on top) with every event registered at
/// start. Component "run": run.start, run.stop, fault.injected, config.reload, config.reload_rejected.
/// Component "md": connection.up, connection.down, book.resync, checksum.mismatch, gap, frame.error (logged by
/// <see cref="MdLogWatch"/> on the market-data thread through the ring only). Dispose flushes everything.
/// </summary>
public sealed class RunLog : IDisposable
{
    /// <summary>The venue text of the md events.</summary>
    public const string Venue = "bitfinex";

    private readonly LogText[] _reasons;
    private readonly LogLevelSpec? _override;

    private RunLog(Logger logger, LogLevelSpec? levelOverride)
    {
        Logger = logger;
        _override = levelOverride;
        var catalog = logger.Catalog;
        var run = catalog.Component("run");
        RunStart = catalog.Event(run, "run.start", LogLevel.Info,
            LogField.Long("seed"), LogField.Long("events_per_second"), LogField.Long("book_len"), LogField.Long("instruments"));
        RunStop = catalog.Event(run, "run.stop", LogLevel.Info,
            LogField.Long("frames"), LogField.Long("checksum_mismatches"), LogField.Long("gaps"), LogField.Long("resyncs"),
            LogField.Long("reconnects"), LogField.Long("faults_injected"));
        FaultInjected = catalog.Event(run, "fault.injected", LogLevel.Info, LogField.Text("kind"));
        ConfigReload = catalog.Event(run, "config.reload", LogLevel.Info, LogField.Long("changes"), LogField.Long("reloads"));
        ConfigReloadRejected = catalog.Event(run, "config.reload_rejected", LogLevel.Warn, LogField.Text("path"), LogField.Text("reason"));

        var md = catalog.Component("md");
        ConnectionUp = catalog.Event(md, "connection.up", LogLevel.Info, LogField.Text("venue"), LogField.Long("connects"), LogField.Long("reconnects"));
        ConnectionDown = catalog.Event(md, "connection.down", LogLevel.Warn, LogField.Text("venue"), LogField.Long("disconnects"), LogField.Long("reconnects"));
        BookResync = catalog.Event(md, "book.resync", LogLevel.Warn,
            LogField.Text("venue"), LogField.Text("instrument"), LogField.Text("reason"), LogField.Long("resyncs"));
        ChecksumMismatch = catalog.Event(md, "checksum.mismatch", LogLevel.Warn, LogField.Text("venue"), LogField.Long("count"), LogField.Long("total"));
        Gap = catalog.Event(md, "gap", LogLevel.Warn, LogField.Text("venue"), LogField.Long("count"), LogField.Long("total"));
        FrameError = catalog.Event(md, "frame.error", LogLevel.Warn, LogField.Text("venue"), LogField.Long("count"), LogField.Long("total"));
        VenueText = catalog.Text(Venue);
        var reasons = Enum.GetValues<ResyncReason>();
        _reasons = new LogText[reasons.Length];
        foreach (var reason in reasons)
        {
            _reasons[(int)reason] = catalog.Text(ReasonName(reason));
        }
    }

    public Logger Logger { get; }

    public LogCatalog Catalog => Logger.Catalog;

    public LogEvent RunStart { get; }

    public LogEvent RunStop { get; }

    public LogEvent FaultInjected { get; }

    public LogEvent ConfigReload { get; }

    public LogEvent ConfigReloadRejected { get; }

    public LogEvent ConnectionUp { get; }

    public LogEvent ConnectionDown { get; }

    public LogEvent BookResync { get; }

    public LogEvent ChecksumMismatch { get; }

    public LogEvent Gap { get; }

    public LogEvent FrameError { get; }

    public LogText VenueText { get; }

    /// <summary>
    /// A log for <paramref name="logging"/>: JSON lines to <paramref name="stdout"/> (the process's standard output
    /// when null) if logging.stdout, to the rotated logging.file if set. <paramref name="levelOverride"/>
    /// (`--log-level`) wins over the section's levels. Throws <see cref="IOException"/> when the file cannot be opened.
    /// </summary>
    public static RunLog Create(LoggingConfig logging, LogLevelSpec? levelOverride = null, Stream? stdout = null)
    {
        ArgumentNullException.ThrowIfNull(logging);
        var sinks = new List<ILogSink>();
        try
        {
            if (logging.Stdout)
            {
                sinks.Add(stdout is null ? StreamLogSink.Stdout() : new StreamLogSink(stdout, ownsStream: false));
            }

            if (logging.File is { } file)
            {
                sinks.Add(new RollingFileLogSink(file, logging.MaxFileBytes, logging.MaxFiles));
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException)
        {
            DisposeAll(sinks);
            throw new IOException($"cannot open the log file {logging.File}: {e.Message}", e);
        }
        catch (IOException)
        {
            DisposeAll(sinks);
            throw;
        }

        var log = new RunLog(new Logger(new LogCatalog(), MonotonicClock.Instance, new LoggerOptions(), [.. sinks]), levelOverride);
        log.ApplyLevels(logging);
        return log;
    }

    /// <summary>
    /// The log of a run from its options' logging section (<see cref="Create"/>); false with the reason on
    /// <paramref name="output"/> when the log file cannot be opened. The writer starts after the first status line.
    /// </summary>
    public static bool TryCreate(RunOptions options, TextWriter output, [NotNullWhen(true)] out RunLog? log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            log = Create(options.Config.Logging, options.LogLevels);
            return true;
        }
        catch (IOException e)
        {
            output.WriteLine($"velox run: logging.file: {e.Message}");
            log = null;
            return false;
        }
    }

    /// <summary>Logs run.start and starts the writer (after the first human line, so JSON lines come after it).</summary>
    public void Started(RunOptions options, int instruments)
    {
        ArgumentNullException.ThrowIfNull(options);
        Logger.Log(RunStart, options.Seed, options.EventsPerSecond, options.BookLength, instruments);
        Start();
    }

    /// <summary>Logs run.stop with the final counters.</summary>
    public void Stopped(in StatusSnapshot final, int faultsInjected) =>
        Logger.Log(RunStop, [final.Frames, final.ChecksumMismatches, final.Gaps, final.Resyncs, final.Reconnects, faultsInjected]);

    /// <summary>The levels of <paramref name="logging"/> with the `--log-level` override on top.</summary>
    public static LogLevelSpec EffectiveLevels(LoggingConfig logging, LogLevelSpec? levelOverride)
    {
        ArgumentNullException.ThrowIfNull(logging);
        var overrides = new Dictionary<string, LogLevel>(StringComparer.Ordinal);
        foreach (var (component, level) in logging.Components)
        {
            overrides[component] = ToLogging(level);
        }

        if (levelOverride is null)
        {
            return new LogLevelSpec(ToLogging(logging.Level), overrides);
        }

        foreach (var (component, level) in levelOverride.Overrides)
        {
            overrides[component] = level;
        }

        return new LogLevelSpec(levelOverride.Default, overrides);
    }

    /// <summary>Makes the section's levels (plus the `--log-level` override) the live thresholds (start and reload).</summary>
    public void ApplyLevels(LoggingConfig logging) => EffectiveLevels(logging, _override).Apply(Catalog);

    /// <summary>The interned text of a resync reason (allocation-free after start).</summary>
    public LogText Reason(ResyncReason reason) => (uint)reason < (uint)_reasons.Length ? _reasons[(int)reason] : _reasons[0];

    /// <summary>Starts the writer thread.</summary>
    public bool Start() => Logger.Start();

    /// <summary>Stops the writer after it wrote everything queued, and closes the sinks.</summary>
    public void Dispose() => Logger.Dispose();

    private static LogLevel ToLogging(ConfigLevel level) => level switch
    {
        ConfigLevel.Trace => LogLevel.Trace,
        ConfigLevel.Debug => LogLevel.Debug,
        ConfigLevel.Info => LogLevel.Info,
        ConfigLevel.Warn => LogLevel.Warn,
        _ => LogLevel.Error,
    };

    private static string ReasonName(ResyncReason reason) => reason switch
    {
        ResyncReason.None => "none",
        ResyncReason.SequenceGap => "sequence-gap",
        ResyncReason.ChecksumMismatch => "checksum-mismatch",
        ResyncReason.MalformedFrame => "malformed-frame",
        ResyncReason.Reconnect => "reconnect",
        ResyncReason.Maintenance => "maintenance",
        ResyncReason.Resubscribe => "resubscribe",
        ResyncReason.BookCapacity => "book-capacity",
        _ => reason.ToString().ToLowerInvariant(),
    };

    private static void DisposeAll(List<ILogSink> sinks)
    {
        foreach (var sink in sinks)
        {
            sink.Dispose();
        }
    }
}
