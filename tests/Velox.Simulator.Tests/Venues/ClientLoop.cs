using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Velox.MarketData;
using Velox.MarketData.Books;

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
    /// Runs until ten diffs in a row were applied with no stale one between: the stream is past every REST snapshot,
    /// so a diff dropped now is a real gap (under load the server's send position can lag behind a snapshot, and a
    /// dropped diff the snapshot already covers is rightly ignored as stale).
    /// </summary>
    public static void RunUntilPastSnapshots(Func<int> doWork, Func<long> stale, Func<long> applied, Func<string> describe)
    {
        var lastStale = stale();
        var since = applied();
        RunUntil(
            doWork,
            () =>
            {
                if (stale() != lastStale)
                {
                    lastStale = stale();
                    since = applied();
                }

                return applied() - since >= 10;
            },
            "the stream past every snapshot",
            describe);
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
    public static async Task<string> Receive(ClientWebSocket client, CancellationToken ct)
    {
        var buffer = new byte[256 * 1024];
        var length = 0;
        while (true)
        {
            var result = await client.ReceiveAsync(buffer.AsMemory(length), ct);
            length += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
    }

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
