using System.Globalization;
using Velox.Ipc.Subscriptions;
using Velox.Ipc.Tests.Support;

namespace Velox.Ipc.StressChild;

/// <summary>
/// Child process for the multi-process tests. Modes:
///   pub &lt;dir&gt; &lt;stream&gt; &lt;publisherId&gt; &lt;count&gt;   concurrent publication, self-checking messages
///   sub &lt;dir&gt; &lt;stream&gt; &lt;publishers&gt; &lt;count&gt;   verifies and prints one RESULT line
///   stream &lt;dir&gt; &lt;stream&gt;                      exclusive publication offering until killed
/// Every mode stops by itself after <see cref="MaxRunMillis"/>.
/// </summary>
internal static class Program
{
    private const long MaxRunMillis = 60_000;

    private static int Main(string[] args)
    {
        var options = new IpcOptions
        {
            Directory = args[1],
            TermLength = 256 * 1024,
            SubscriberTimeoutMillis = 1000,
            PublisherTimeoutMillis = 1000,
        };
        using var ipc = new IpcDirectory(options);
        var stream = Parse(args[2]);
        return args[0] switch
        {
            "pub" => Publish(ipc, stream, Parse(args[3]), Parse(args[4])),
            "sub" => Subscribe(ipc, stream, Parse(args[3]), Parse(args[4])),
            "stream" => StreamUntilKilled(ipc, stream),
            _ => 2,
        };
    }

    private static int Publish(IpcDirectory ipc, int stream, int publisherId, int count)
    {
        using var publication = ipc.AddConcurrentPublication(stream);
        var deadline = Environment.TickCount64 + MaxRunMillis;
        while (!publication.IsConnected && Environment.TickCount64 < deadline)
        {
            publication.DoWork();
            Thread.Sleep(1);
        }

        var random = new Random(publisherId);
        var buffer = new byte[3 * 1408];
        for (long i = 0; i < count; i++)
        {
            var length = random.Next(TestMessages.HeaderLength, (i % 8 == 0) ? buffer.Length : 256);
            TestMessages.Write(buffer, publisherId, i, length);
            long result;
            while ((result = publication.Offer(buffer.AsSpan(0, length))) < 0)
            {
                if (Environment.TickCount64 > deadline)
                {
                    Console.WriteLine($"TIMEOUT at {i}: {result}");
                    return 1;
                }

                publication.DoWork();
                Thread.Yield();
            }

            if ((i & 255) == 0)
            {
                publication.DoWork();
            }
        }

        Console.WriteLine($"PUBLISHED {count} owner={publication.IsOwner}");
        return 0;
    }

    private static int Subscribe(IpcDirectory ipc, int stream, int publishers, int count)
    {
        using var subscription = ipc.AddSubscription(stream);
        var assembler = new FragmentAssembler<SequenceChecker>(new SequenceChecker(publishers), 1 << 16);
        var deadline = Environment.TickCount64 + MaxRunMillis;
        var announced = false;
        while (Environment.TickCount64 < deadline && !assembler.Handler.IsComplete(count))
        {
            if (subscription.Poll(ref assembler, 64) == 0)
            {
                if (subscription.Status is SubscriptionStatus.EndOfStream or SubscriptionStatus.Dropped or SubscriptionStatus.Faulted)
                {
                    break;
                }

                Thread.Yield();
            }

            if (!announced && subscription.Status == SubscriptionStatus.Connected)
            {
                announced = true;
                Console.WriteLine("CONNECTED");
            }
        }

        var h = assembler.Handler;
        Console.WriteLine(
            $"RESULT received={h.Received} corrupt={h.Corrupt} gaps={h.Gaps} complete={h.IsComplete(count)} dropped={assembler.DroppedMessages} status={subscription.Status}");
        return h.IsComplete(count) && h.Corrupt == 0 && h.Gaps == 0 ? 0 : 1;
    }

    private static int StreamUntilKilled(IpcDirectory ipc, int stream)
    {
        using var publication = ipc.AddExclusivePublication(stream);
        var buffer = new byte[64];
        var deadline = Environment.TickCount64 + MaxRunMillis;
        long sequence = 0;
        Console.WriteLine("STARTED");
        while (Environment.TickCount64 < deadline)
        {
            TestMessages.Write(buffer, 0, sequence, buffer.Length);
            if (publication.Offer(buffer) > 0)
            {
                sequence++;
            }

            publication.DoWork();
            Thread.Sleep(1);
        }

        return 0;
    }

    private static int Parse(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Per publisher: the first sequence seen is the baseline (late join), then every message exactly once, in order.</summary>
    private struct SequenceChecker : IFragmentHandler
    {
        private readonly long[] _next;

        public SequenceChecker(int publishers)
        {
            _next = new long[publishers];
            Array.Fill(_next, -1);
        }

        public long Received { get; private set; }

        public long Corrupt { get; private set; }

        public long Gaps { get; private set; }

        public readonly bool IsComplete(int count) => Array.TrueForAll(_next, n => n == count);

        public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
        {
            if (!TestMessages.Read(payload, out var publisher, out var sequence) || (uint)publisher >= (uint)_next.Length)
            {
                Corrupt++;
                return;
            }

            if (_next[publisher] >= 0 && sequence != _next[publisher])
            {
                Gaps++;
            }

            _next[publisher] = sequence + 1;
            Received++;
        }
    }
}
