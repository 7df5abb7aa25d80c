using System.Globalization;
using Velox.Host.Cli;
using Velox.Ipc;
using Velox.Ipc.Counters;
using Velox.Ipc.LogBuffers;
using Velox.Ipc.Platform;

namespace Velox.Host.Ipc;

/// <summary>
/// velox ipc stat (in the spirit of AeronStat): each stream's log with its publisher's pid and liveness,
/// producer position, limit, back-pressure and every subscriber's position, then all allocated counters.
/// A file with a bad header is reported by name (exit 1); the directory is only read.
/// </summary>
public static unsafe class IpcStatCommand
{
    /// <summary>Entry point; <paramref name="args"/> are the arguments after "ipc stat".</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Entry point writing to the given streams (tests).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!CliArguments.TryParse(args, 0, [], ["dir"], out var cli, out var problem))
        {
            error.WriteLine($"velox ipc stat: {problem}");
            return ExitCodes.Usage;
        }

        var directory = cli.Get("dir") ?? IpcOptions.DefaultDirectory();
        var countersPath = Path.Combine(directory, IpcDirectory.CountersFileName);
        if (!Directory.Exists(directory))
        {
            error.WriteLine($"velox ipc stat: no IPC directory {directory}");
            return ExitCodes.Usage;
        }

        CountersFile counters;
        try
        {
            counters = CountersFile.Open(countersPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"velox ipc stat: {e.Message}");
            return ExitCodes.Findings;
        }

        using (counters)
        {
            var findings = false;
            var now = SystemEpochClock.Instance.NowMillis();
            var logs = Directory.GetFiles(directory, "stream-*.logbuffer");
            Array.Sort(logs, StringComparer.Ordinal);
            output.WriteLine($"IPC directory {directory}: {logs.Length} log(s)");
            foreach (var path in logs)
            {
                try
                {
                    using var log = MappedLog.Open(path);
                    WriteLog(output, log, counters, now);
                }
                catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    output.WriteLine($"problem: {e.Message}");
                    findings = true;
                }
            }

            WriteCounters(output, counters);
            return findings ? ExitCodes.Findings : ExitCodes.Ok;
        }
    }

    private static void WriteLog(TextWriter output, MappedLog log, CountersFile counters, long now)
    {
        var pid = Volatile.Read(ref *(int*)log.VeloxField(VeloxLogHeader.OwnerPidOffset));
        var startTime = *(long*)log.VeloxField(VeloxLogHeader.OwnerStartTimeOffset);
        var heartbeat = Volatile.Read(ref *(long*)log.VeloxField(VeloxLogHeader.HeartbeatOffset));
        var endOfStream = Volatile.Read(ref *log.EndOfStreamPosition);
        var producer = log.ProducerPosition();
        var limit = Value(counters, *(int*)log.VeloxField(VeloxLogHeader.PublisherLimitCounterIdOffset), log.CorrelationId);
        var sampled = Value(counters, *(int*)log.VeloxField(VeloxLogHeader.PublisherPositionCounterIdOffset), log.CorrelationId);
        var liveness = pid == 0 ? "none (closed or handing over)" : ProcessLiveness.IsAlive(pid, startTime) ? "alive" : "DEAD";
        var kind = log.PublicationKind == VeloxLogHeader.KindConcurrent ? "concurrent" : "exclusive";
        var pressure = limit is null ? "limit counter missing" : producer >= limit ? "BACK-PRESSURED" : $"window left {limit - producer}";
        output.WriteLine(Invariant($"stream {log.StreamId} session {log.SessionId} ({kind}) {log.Path}"));
        output.WriteLine(Invariant(
            $"  publisher pid {pid} {liveness}, heartbeat {now - heartbeat} ms ago, term {log.TermLength}, mtu {log.Mtu}, window {log.TermWindowLength}"));
        output.WriteLine(Invariant(
            $"  producer position {producer}, pub-pos {Text(sampled)}, pub-lmt {Text(limit)} ({pressure}), end-of-stream {(endOfStream == long.MaxValue ? "open" : endOfStream.ToString(CultureInfo.InvariantCulture))}, connected {Volatile.Read(ref *log.IsConnected)}"));
        var subscribers = 0;
        for (var id = 0; id < counters.Capacity; id++)
        {
            if (counters.State(id) == CountersDescriptor.RecordAllocated && counters.TypeId(id) == CounterTypes.SubscriberPosition &&
                counters.ReferenceId(id) == log.CorrelationId)
            {
                var position = Volatile.Read(ref *counters.ValuePointer(id));
                output.WriteLine(Invariant($"  subscriber counter {id} (registration {counters.RegistrationId(id)}): position {position}, behind {producer - position}"));
                subscribers++;
            }
        }

        if (subscribers == 0)
        {
            output.WriteLine("  no subscribers");
        }
    }

    private static void WriteCounters(TextWriter output, CountersFile counters)
    {
        output.WriteLine($"counters {counters.Path}:");
        for (var id = 0; id < counters.Capacity; id++)
        {
            if (counters.State(id) == CountersDescriptor.RecordAllocated)
            {
                output.WriteLine(Invariant($"  {id,4}: {Volatile.Read(ref *counters.ValuePointer(id)),20} - {counters.Label(id)} (type {counters.TypeId(id)})"));
            }
        }
    }

    /// <summary>A counter's value when it is still allocated to the log's registration.</summary>
    private static long? Value(CountersFile counters, int id, long correlationId) =>
        id >= 0 && id < counters.Capacity && counters.IsAllocatedTo(id, correlationId) ? Volatile.Read(ref *counters.ValuePointer(id)) : null;

    private static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "missing";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
