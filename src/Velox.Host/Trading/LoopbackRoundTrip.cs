using System.Net;
using System.Net.Sockets;
using Velox.Core.Metrics;
using Velox.Core.Time;
using Velox.Ipc.Platform;

namespace Velox.Host.Trading;

/// <summary>
/// The kernel's part of wire-to-wire: a plain TCP ping-pong over 127.0.0.1 (Nagle off, blocking reads on both
/// sides, one echo thread), with the sizes of the market-data frame and of the order that answers it, back to back
/// or paced (a pause between round trips, so both threads sleep in between as the trading threads do between
/// market-data frames, and every round trip pays two wake-ups). Cold path: run after trading stopped, in the same
/// process and minutes as the wire-to-wire samples it is compared with.
/// </summary>
public static class LoopbackRoundTrip
{
    /// <summary>
    /// Measures <paramref name="roundTrips"/> round trips after <paramref name="warmup"/> unrecorded ones, pausing
    /// <paramref name="gapNanos"/> after each (0: back to back); false with a message when the sockets fail.
    /// </summary>
    public static bool TryMeasure(int pingBytes, int pongBytes, int roundTrips, int warmup, long gapNanos, out LatencyHistogram histogram, out string error)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pingBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pongBytes, 1);
        histogram = new LatencyHistogram();
        error = string.Empty;
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.Connect(listener.LocalEndPoint!);
            using var server = listener.Accept();
            server.NoDelay = true;
            client.ReceiveTimeout = 5000;
            server.ReceiveTimeout = 5000;
            var total = roundTrips + warmup;
            var echo = new Thread(() => Echo(server, pingBytes, pongBytes, total)) { IsBackground = true, Name = "velox-rtt-echo" };
            echo.Start();
            var ping = new byte[pingBytes];
            var pong = new byte[pongBytes];
            for (var i = 0; i < total; i++)
            {
                var start = MonotonicClock.Now();
                client.Send(ping);
                ReceiveExactly(client, pong);
                if (i >= warmup)
                {
                    histogram.Record(MonotonicClock.Now() - start);
                }

                if (gapNanos > 0)
                {
                    ThreadScheduling.SleepNanos(gapNanos);
                }
            }

            echo.Join(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            error = $"loopback round trip: {e.Message}";
            return false;
        }
    }

    private static void Echo(Socket server, int pingBytes, int pongBytes, int count)
    {
        var ping = new byte[pingBytes];
        var pong = new byte[pongBytes];
        try
        {
            for (var i = 0; i < count; i++)
            {
                ReceiveExactly(server, ping);
                server.Send(pong);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // The measuring side reports the failure (its read times out or fails).
        }
    }

    private static void ReceiveExactly(Socket socket, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
            if (n == 0)
            {
                throw new IOException("the peer closed the connection");
            }

            read += n;
        }
    }
}
