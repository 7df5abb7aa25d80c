using Velox.MarketData.Books;
using Velox.MarketData.Rest;
using Velox.MarketData.Sync;
using Velox.Net.Reconnect;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;

namespace Velox.Simulator.Tests.Venues;

/// <summary>One book a client holds, as the shared comparisons see it.</summary>
internal readonly record struct ClientBook(string Symbol, BookSyncState State, L2BookSide Bids, L2BookSide Asks);

/// <summary>
/// A venue connector and its session against a simulator server: the loop, sync, fault and book-comparison
/// scaffolding every dialect test shares. A venue supplies its books (<see cref="Books"/>) and how it is built.
/// </summary>
internal abstract class VenueClient<TSession, TConnector> : IDisposable
    where TConnector : IDisposable
{
    private readonly IDisposable? _http;

    protected VenueClient(VenueSimulatorServer server, TSession session, TConnector connector, Func<int> doWork, IDisposable? http = null)
    {
        Server = server;
        Session = session;
        Connector = connector;
        DoWork = doWork;
        _http = http;
    }

    public VenueSimulatorServer Server { get; }

    public TSession Session { get; }

    public TConnector Connector { get; }

    /// <summary>The connector's work step, one delegate for the whole test (no allocation per call).</summary>
    public Func<int> DoWork { get; }

    /// <summary>Levels the comparison looks at per side; venues that send a cut-down book override it.</summary>
    protected virtual int ComparedDepth => int.MaxValue;

    /// <summary>Diagnostics added to a timeout message; null when the venue has none.</summary>
    protected virtual Func<string>? Describer => null;

    /// <summary>True when every book is in sync.</summary>
    public bool AllInSync() => Books().All(b => b.State == BookSyncState.InSync);

    /// <summary>Runs the connector until <paramref name="done"/> holds; fails after <see cref="ClientLoop.Timeout"/>.</summary>
    public void RunUntil(Func<bool> done, string what) => ClientLoop.RunUntil(DoWork, done, what, Describer);

    /// <summary>Runs the connector until every book is in sync.</summary>
    public void RunUntilInSync(string what = "every book in sync") => RunUntil(AllInSync, what);

    /// <summary>Runs the connector for <paramref name="duration"/>.</summary>
    public void RunFor(TimeSpan duration) => ClientLoop.RunFor(DoWork, duration);

    /// <summary>Stops the market, lets the client catch up, and compares every level.</summary>
    public void AssertBooksEqual() => ClientLoop.RunPaused(Server.Exchange, DoWork, BooksEqual, Describer);

    /// <summary>Runs the connector for <paramref name="duration"/>, then compares every level with the market stopped.</summary>
    public void RunThenAssertBooksEqual(TimeSpan duration)
    {
        RunFor(duration);
        AssertBooksEqual();
    }

    /// <summary>Injects one <paramref name="kind"/> fault (the server must apply it), then runs until <paramref name="detected"/> holds with every book in sync.</summary>
    public void InjectAndResync(FaultKind kind, Func<bool> detected, string what)
    {
        Assert.That(Server.InjectFault(kind), Is.EqualTo(1), kind.ToString());
        RunUntil(() => detected() && AllInSync(), what);
    }

    /// <summary>Waits for sync, then asserts a second of work applied updates and allocated nothing on this thread.</summary>
    public void AssertSteadyStateAllocatesNothing(Func<long> updates, string path) =>
        ClientLoop.AssertSteadyStateAllocatesNothing(DoWork, AllInSync, updates, path);

    public void Dispose()
    {
        Connector.Dispose();
        _http?.Dispose();
    }

    /// <summary>The reconnect policy every test client uses: fast first retry, capped backoff, seeded jitter.</summary>
    protected static ReconnectPolicy Reconnect() =>
        new(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(1));

    /// <summary>A REST snapshot client for the server's REST port, retrying quickly.</summary>
    protected static HttpSnapshotClient SnapshotClient(VenueSimulatorServer server) =>
        new(new SnapshotClientOptions { BaseAddress = server.Rest!.BaseAddress, InitialBackoff = TimeSpan.FromMilliseconds(20) });

    /// <summary>The client's books (order-book subscriptions only).</summary>
    protected abstract IEnumerable<ClientBook> Books();

    private bool BooksEqual()
    {
        foreach (var book in Books())
        {
            var (bids, asks) = Server.Exchange.CopyBook(Server.Exchange.Market.IndexOf(book.Symbol));
            if (book.State != BookSyncState.InSync
                || !ClientLoop.SameLevels(book.Bids, bids[..Math.Min(bids.Length, ComparedDepth)])
                || !ClientLoop.SameLevels(book.Asks, asks[..Math.Min(asks.Length, ComparedDepth)]))
            {
                return false;
            }
        }

        return true;
    }
}
