using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Velox.Core.Metrics;
using Velox.Core.Time;
using Velox.Ipc;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.Perf;

namespace Velox.IpcLatency;

/// <summary>
/// IPC latency harness. Modes:
///   threads [roundTrips]      ping-pong between two pinned threads of this process (CPU 0 and 1)
///   processes [roundTrips]    ping here, pong in a child process of this executable
///   pong &lt;dir&gt;                 the child side of "processes"
///   throughput [messages]     one-way 32-byte messages, publisher and subscriber threads
///   floor [roundTrips]        the hardware floor: two pinned threads bounce a counter on two padded cache lines,
///                             timed like the ping-pong (no IPC code); compare its p50 with the IPC p50
///   loopback [messages]       one thread: offer, poll it back, one empty poll; for instruction counts per message
///                             (run under callgrind at two counts and divide the difference)
/// Round-trip times come from MonotonicClock and go into a LatencyHistogram. "--json DIR" (threads,
/// processes, throughput) also writes the measurement as a scenario file (perf/BENCH-REPORT.md) into DIR.
/// </summary>
internal static class Program
{
    private const int PingStream = 1001;
    private const int PongStream = 1002;
    private const int MessageLength = 32;

    private static string? _jsonDirectory;

    private static int Main(string[] args)
    {
        var json = Array.IndexOf(args, "--json");
        if (json >= 0)
        {
            if (json + 1 >= args.Length)
            {
                return Usage("--json needs a directory");
            }

            _jsonDirectory = args[json + 1];
            args = [.. args[..json], .. args[(json + 2)..]];
        }

        var mode = args.Length > 0 ? args[0] : "threads";
        long count = 1_000_000;
        if (args.Length > 1 && mode != "pong" && (!long.TryParse(args[1], CultureInfo.InvariantCulture, out count) || count <= 0))
        {
            return Usage($"count must be a positive integer, got '{args[1]}'");
        }

        switch (mode)
        {
            case "pong":
                RunPong(Options(args[1]), pinCpu: 1, stopAfterMillis: 600_000);
                return 0;
            case "threads":
            case "processes":
                return RunPingPong(mode == "processes", count);
            case "throughput":
                return RunThroughput(count);
            case "loopback":
                return RunLoopback(count);
            case "floor":
                return RunFloor(count);
            default:
                return Usage($"unknown mode '{mode}'");
        }
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"Velox.IpcLatency: {problem}");
        Console.Error.WriteLine("usage: Velox.IpcLatency threads|processes|throughput|loopback|floor [count] [--json DIR]");
        return 2;
    }

    private static void WriteScenario(BenchScenario scenario)
    {
        if (_jsonDirectory is not null)
        {
            Console.WriteLine($"wrote {scenario.Write(_jsonDirectory)}");
        }
    }

    private static IpcOptions Options(string directory) => new()
    {
        Directory = directory,
        TermLength = 4 * 1024 * 1024,
        PublisherTimeoutMillis = 10_000,
        SubscriberTimeoutMillis = 10_000,
    };

    private static int RunPingPong(bool separateProcess, long roundTrips)
    {
        var directory = Path.Combine("/dev/shm", $"velox-latency-{Environment.ProcessId}");
        var options = Options(directory);
        Process? child = null;
        Thread? pongThread = null;
        try
        {
            using var ipc = new IpcDirectory(options);
            using var ping = ipc.AddExclusivePublication(PingStream);
            if (separateProcess)
            {
                child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["pong", directory]) { UseShellExecute = false });
            }
            else
            {
                pongThread = new Thread(() => RunPong(options, pinCpu: 1, stopAfterMillis: 600_000)) { IsBackground = true, Name = "pong" };
                pongThread.Start();
            }

            using var pongs = ipc.AddSubscription(PongStream);
            CpuAffinity.PinCurrentThread(0, "ping");
            var handler = new RoundTripHandler { Histogram = new LatencyHistogram() };
            var deadline = Environment.TickCount64 + 30_000;
            while (!(ping.IsConnected && pongs.IsConnected))
            {
                if (Environment.TickCount64 > deadline)
                {
                    Console.Error.WriteLine($"no connection: ping {ping.IsConnected}, pong {pongs.Status}");
                    return 1;
                }

                ping.DoWork();
                pongs.Poll(ref handler, 1);
                Thread.Sleep(1);
            }

            var scenario = new BenchScenario
            {
                Id = separateProcess ? "ipc-pingpong-processes" : "ipc-pingpong-threads",
                Title = $"IPC ping-pong, {MessageLength}-byte messages, two pinned {(separateProcess ? "processes" : "threads")} (round trip)",
                Tool = $"perf/Velox.IpcLatency {(separateProcess ? "processes" : "threads")} {roundTrips}",
                Notes = { "ping on CPU 0, pong on CPU 1 (when the affinity call succeeds); one message in flight; MonotonicClock timestamps in the message" },
            };
            var warmUp = Math.Min(200_000, roundTrips / 5);
            Measure(ping, pongs, ref handler, warmUp);
            handler.Histogram.Reset();
            var started = Stopwatch.GetTimestamp();
            Measure(ping, pongs, ref handler, roundTrips);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var h = handler.Histogram;
            Console.WriteLine(
                $"{(separateProcess ? "processes" : "threads")}: {h.Count} round trips of {MessageLength}-byte messages in {elapsed.TotalSeconds:F2} s; RTT ns: " +
                $"p50={h.ValueAtPercentile(50)} p99={h.ValueAtPercentile(99)} p99.9={h.ValueAtPercentile(99.9)} max={h.Max} mean={h.Mean:F0}");
            scenario.Histograms.Add(BenchHistogram.From("rtt", h));
            scenario.Figures.Add(new BenchFigure("round trips per second", h.Count / elapsed.TotalSeconds, "1/s"));
            WriteScenario(scenario);
            return 0;
        }
        finally
        {
            if (child is not null)
            {
                child.Kill();
                child.WaitForExit();
                child.Dispose();
            }

            _stopPong = true;
            pongThread?.Join();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static volatile bool _stopPong;

    private static void Measure(ExclusivePublication ping, Subscription pongs, ref RoundTripHandler handler, long roundTrips)
    {
        Span<byte> message = stackalloc byte[MessageLength];
        for (long i = 0; i < roundTrips; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(message, MonotonicClock.Now());
            while (ping.Offer(message) < 0)
            {
                ping.DoWork();
            }

            handler.Received = false;
            while (!handler.Received)
            {
                pongs.Poll(ref handler, 1);
            }

            if ((i & 1023) == 0)
            {
                ping.DoWork();
            }
        }
    }

    private static void RunPong(IpcOptions options, int pinCpu, long stopAfterMillis)
    {
        CpuAffinity.PinCurrentThread(pinCpu, "pong");
        using var ipc = new IpcDirectory(options);
        using var pong = ipc.AddExclusivePublication(PongStream);
        using var pings = ipc.AddSubscription(PingStream);
        var echo = new EchoHandler { Publication = pong };
        var stopAt = Environment.TickCount64 + stopAfterMillis;
        long spins = 0;
        while (!_stopPong)
        {
            if (pings.Poll(ref echo, 16) == 0 && (++spins & 0xFFFF) == 0)
            {
                pong.DoWork();
                if (Environment.TickCount64 > stopAt || pings.Status is SubscriptionStatus.PublisherDead or SubscriptionStatus.EndOfStream)
                {
                    return;
                }
            }
        }
    }

    private static int RunThroughput(long messages)
    {
        var directory = Path.Combine("/dev/shm", $"velox-throughput-{Environment.ProcessId}");
        var scenario = new BenchScenario
        {
            Id = "ipc-throughput",
            Title = $"IPC one-way throughput, {MessageLength}-byte messages, publisher and subscriber threads",
            Tool = $"perf/Velox.IpcLatency throughput {messages}",
            Notes = { "publisher pinned to CPU 0, subscriber to CPU 1 (when the affinity call succeeds)" },
        };
        try
        {
            using var ipc = new IpcDirectory(Options(directory));
            using var publication = ipc.AddExclusivePublication(PingStream);
            using var subscription = ipc.AddSubscription(PingStream);
            var counter = new CountingHandler();
            while (!subscription.IsConnected)
            {
                publication.DoWork();
                subscription.Poll(ref counter, 1);
                Thread.Sleep(1);
            }

            long backPressured = 0;
            var started = Stopwatch.GetTimestamp();
            var writer = new Thread(() =>
            {
                CpuAffinity.PinCurrentThread(0, "publisher");
                Span<byte> message = stackalloc byte[MessageLength];
                for (long i = 0; i < messages; i++)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(message, i);
                    while (publication.Offer(message) < 0)
                    {
                        backPressured++;
                        publication.DoWork();
                    }
                }
            });
            writer.Start();
            CpuAffinity.PinCurrentThread(1, "subscriber");
            while (counter.Count < messages)
            {
                subscription.Poll(ref counter, 256);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            writer.Join();
            Console.WriteLine(
                $"throughput: {messages} x {MessageLength}-byte messages in {elapsed.TotalSeconds:F2} s = {messages / elapsed.TotalSeconds / 1e6:F1} M msg/s " +
                $"({messages * 64 / elapsed.TotalSeconds / 1e9:F2} GB/s of 64-byte frames), back-pressured offers {backPressured}");
            scenario.Figures.Add(new BenchFigure("messages per second", messages / elapsed.TotalSeconds, "1/s"));
            scenario.Figures.Add(new BenchFigure("messages", messages, "count"));
            scenario.Figures.Add(new BenchFigure("back-pressured offers", backPressured, "count"));
            WriteScenario(scenario);
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static unsafe int RunFloor(long roundTrips)
    {
        // Two 128-byte-aligned slots 256 bytes apart: each written by one thread only, no false sharing.
        var memory = (byte*)NativeMemory.AlignedAlloc(512, 128);
        try
        {
            var ping = (long*)memory;
            var pong = (long*)(memory + 256);
            *ping = 0;
            *pong = 0;
            var total = roundTrips + Math.Min(200_000, roundTrips / 5);
            var echo = new Thread(() =>
            {
                CpuAffinity.PinCurrentThread(1, "floor pong");
                for (long i = 1; i <= total; i++)
                {
                    while (Volatile.Read(ref *ping) != i)
                    {
                    }

                    Volatile.Write(ref *pong, i);
                }
            });
            echo.Start();
            CpuAffinity.PinCurrentThread(0, "floor ping");
            var histogram = new LatencyHistogram();
            for (long i = 1; i <= total; i++)
            {
                if (i == total - roundTrips + 1)
                {
                    histogram.Reset();
                }

                var start = MonotonicClock.Now();
                Volatile.Write(ref *ping, i);
                while (Volatile.Read(ref *pong) != i)
                {
                }

                histogram.Record(MonotonicClock.Now() - start);
            }

            echo.Join();
            Console.WriteLine(
                $"floor: {histogram.Count} round trips of one cache line each way; RTT ns: " +
                $"p50={histogram.ValueAtPercentile(50)} p99={histogram.ValueAtPercentile(99)} p99.9={histogram.ValueAtPercentile(99.9)} max={histogram.Max}");
            return 0;
        }
        finally
        {
            NativeMemory.AlignedFree(memory);
        }
    }

    private static int RunLoopback(long messages)
    {
        var directory = Path.Combine("/dev/shm", $"velox-loopback-{Environment.ProcessId}");
        try
        {
            using var ipc = new IpcDirectory(Options(directory));
            using var publication = ipc.AddExclusivePublication(PingStream);
            using var subscription = ipc.AddSubscription(PingStream);
            var counter = new CountingHandler();
            while (!subscription.IsConnected)
            {
                publication.DoWork();
                subscription.Poll(ref counter, 1);
                Thread.Sleep(1);
            }

            Span<byte> message = stackalloc byte[MessageLength];
            long empty = 0;
            for (long i = 0; i < messages; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(message, i);
                while (publication.Offer(message) < 0)
                {
                    publication.DoWork();
                }

                while (subscription.Poll(ref counter, 1) == 0)
                {
                    empty++;
                }

                empty += 1 - subscription.Poll(ref counter, 1);
                if ((i & 1023) == 0)
                {
                    publication.DoWork();
                }
            }

            Console.WriteLine($"loopback: {counter.Count} messages, {empty} empty polls");
            return counter.Count == messages ? 0 : 1;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private struct RoundTripHandler : IFragmentHandler
    {
        public LatencyHistogram Histogram;
        public bool Received;

        public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
        {
            Histogram.Record(MonotonicClock.Now() - BinaryPrimitives.ReadInt64LittleEndian(payload));
            Received = true;
        }
    }

    private struct EchoHandler : IFragmentHandler
    {
        public ExclusivePublication Publication;

        public readonly void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
        {
            while (Publication.Offer(payload) < 0)
            {
                Publication.DoWork();
            }
        }
    }

    private struct CountingHandler : IFragmentHandler
    {
        public long Count;

        public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header) => Count++;
    }
}
