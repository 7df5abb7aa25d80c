using BenchmarkDotNet.Attributes;
using Velox.Ipc;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;

namespace Velox.Benchmarks;

/// <summary>
/// One 32-byte message offered to an exclusive publication and polled back by a subscription on the same
/// thread, through a shared-memory log under /dev/shm (no cross-core traffic: the path's own cost).
/// </summary>
[MemoryDiagnoser]
public class IpcBenchmarks
{
    private const int Messages = 10_000;
    private const int StreamId = 4242;

    private readonly byte[] _message = new byte[32];
    private IpcDirectory _ipc = null!;
    private ExclusivePublication _publication = null!;
    private Subscription _subscription = null!;
    private CountingHandler _handler;

    [GlobalSetup]
    public void Setup()
    {
        _ipc = new IpcDirectory(new IpcOptions
        {
            Directory = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"velox-bench-ipc-{Environment.ProcessId}"),
            TermLength = 4 * 1024 * 1024,
        });
        _publication = _ipc.AddExclusivePublication(StreamId);
        _subscription = _ipc.AddSubscription(StreamId);
        var deadline = Environment.TickCount64 + 10_000;
        while (!(_publication.IsConnected && _subscription.IsConnected))
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new InvalidOperationException($"IPC benchmark: no connection ({_subscription.Status})");
            }

            _publication.DoWork();
            _subscription.Poll(ref _handler, 1);
            Thread.Sleep(1);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var directory = _ipc.Path;
        _subscription.Dispose();
        _publication.Dispose();
        _ipc.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long OfferPoll()
    {
        for (var i = 0; i < Messages; i++)
        {
            while (_publication.Offer(_message) < 0)
            {
                _publication.DoWork();
            }

            _subscription.Poll(ref _handler, 1);
        }

        _publication.DoWork();
        return _handler.Count;
    }

    private struct CountingHandler : IFragmentHandler
    {
        public long Count;

        public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header) => Count += payload.Length;
    }
}
