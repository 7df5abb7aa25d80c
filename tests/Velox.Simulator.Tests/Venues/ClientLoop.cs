using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Velox.MarketData;
using Velox.MarketData.Books;
using Velox.Simulator.Venues;

namespace Velox.Simulator.Tests.Venues;

/// <summary>Drives a client connector on the test thread until a condition holds, and compares books.</summary>
internal static class ClientLoop
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Calls <paramref name="doWork"/> until <paramref name="done"/> holds; fails after <see cref="Timeout"/>.</summary>
    public static void RunUntil(Func<int> doWork, Func<bool> done, string what, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for: {what}{(describe is null ? string.Empty : " — " + describe())}");
            }

            if (doWork() == 0)
            {
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>
    /// For REST-snapshot venues: under load the server's send position can lag behind the snapshots, and a diff the
    /// snapshot already covers is rightly ignored as stale, so a fault spoiling it goes unseen. Runs until ten diffs in
    /// a row were applied with no stale one between: a diff spoiled after that is one the client must catch.
    /// </summary>
    public static void RunUntilPastSnapshots(Func<int> doWork, Func<long> staleDiffs, Func<long> appliedDiffs, Func<string>? describe = null)
    {
        var stale = staleDiffs();
        var applied = appliedDiffs();
        RunUntil(
            doWork,
            () =>
            {
                if (staleDiffs() != stale)
                {
                    stale = staleDiffs();
                    applied = appliedDiffs();
                }

                return appliedDiffs() - applied >= 10;
            },
            "the stream past the snapshots",
            describe);
    }

    /// <summary>
    /// Once <paramref name="inSync"/> holds and a warm-up passed, asserts that a second of <paramref name="doWork"/>
    /// applied book updates (<paramref name="updates"/>) and allocated nothing on this thread.
    /// </summary>
    public static void AssertSteadyStateAllocatesNothing(Func<int> doWork, Func<bool> inSync, Func<long> updates, string path)
    {
        RunUntil(doWork, inSync, "every book in sync");
        RunFor(doWork, TimeSpan.FromMilliseconds(300));
        var before = updates();
        var (bytes, work) = MeasureAllocations(doWork, TimeSpan.FromSeconds(1));
        Assert.That(updates() - before, Is.GreaterThan(5));
        Assert.That(work, Is.GreaterThan(0));
        Assert.That(bytes, Is.Zero, path);
    }

    /// <summary>Stops the simulator's market, runs the client until <paramref name="booksEqual"/> holds, then lets the market go on.</summary>
    public static void RunPaused(VenueExchange exchange, Func<int> doWork, Func<bool> booksEqual, Func<string>? describe = null)
    {
        exchange.Pause();
        try
        {
            RunUntil(doWork, booksEqual, "client books equal to the simulator's", describe);
        }
        finally
        {
            exchange.Resume();
        }
    }

    /// <summary>Calls <paramref name="doWork"/> for <paramref name="duration"/>.</summary>
    public static void RunFor(Func<int> doWork, TimeSpan duration)
    {
        var end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end)
        {
            if (doWork() == 0)
            {
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>Bytes this thread allocates while calling <paramref name="doWork"/> for <paramref name="duration"/>; also the work done.</summary>
    public static (long Bytes, long Work) MeasureAllocations(Func<int> doWork, TimeSpan duration)
    {
        var end = DateTime.UtcNow + duration;
        var work = 0L;
        var before = GC.GetAllocatedBytesForCurrentThread();
        while (DateTime.UtcNow < end)
        {
            var done = doWork();
            work += done;
            if (done == 0)
            {
                Thread.Sleep(1);
            }
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before, work);
    }

    /// <summary>True when the client side holds exactly the simulator's levels (price and size), best first.</summary>
    public static bool SameLevels(L2BookSide client, BookLevel[] simulator)
    {
        if (client.Count != simulator.Length)
        {
            return false;
        }

        var copy = new BookLevel[client.Count];
        client.CopyBestFirst(copy);
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i].Price != simulator[i].Price || copy[i].Size != simulator[i].Size)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Receives one whole text message.</summary>
    public static async Task<string> Receive(ClientWebSocket client, CancellationToken ct) =>
        Encoding.UTF8.GetString((await ReceiveFrame(client, ct)).Frame);

    /// <summary>Receives one whole message, text or binary, as bytes with its type.</summary>
    public static async Task<(byte[] Frame, WebSocketMessageType Type)> ReceiveFrame(ClientWebSocket client, CancellationToken ct)
    {
        var buffer = new byte[256 * 1024];
        var length = 0;
        while (true)
        {
            var result = await client.ReceiveAsync(buffer.AsMemory(length), ct);
            length += result.Count;
            if (result.EndOfMessage)
            {
                return (buffer[..length], result.MessageType);
            }
        }
    }

    /// <summary>Sends one text message.</summary>
    public static Task Send(ClientWebSocket client, string text, CancellationToken ct) =>
        client.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

    /// <summary>Sends a raw HTTP/1.1 GET of <paramref name="pathAndQuery"/> (Connection: close); the status and the body.</summary>
    public static Task<(int Status, string Body)> Get(int port, string pathAndQuery) =>
        Http(port, $"GET {pathAndQuery} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    /// <summary>Sends a raw HTTP/1.1 <paramref name="request"/> to 127.0.0.1:<paramref name="port"/>; the status and the body.</summary>
    public static async Task<(int Status, string Body)> Http(int port, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(Timeout);
        var status = int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }
}
