using System.Text;
using Velox.Simulator;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Hosting;

namespace Velox.PeerBench.Loopback;

/// <summary>
/// The stream both loopback pipelines read: a fresh simulator server per run (so the client is
/// connection 0 with the same seed), unthrottled, one 25-level book channel. With a single book
/// channel and no trades the frame sequence depends only on the seed, not on poll timing, so two
/// pipelines that read the same number of frames must end with the same book.
/// </summary>
public static class LoopbackStream
{
    public const int Seed = 7;

    public const string Symbol = "tBTCUSD";

    /// <summary>What Velox asks for in production: SEQ_ALL + OB_CHECKSUM.</summary>
    public const int ConfFlags = BitfinexFlags.SeqAll | BitfinexFlags.OrderBookChecksum;

    public static readonly byte[] ConfMessage = Encoding.UTF8.GetBytes($"{{\"event\":\"conf\",\"flags\":{ConfFlags}}}");

    public const string SubscribeText = "{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"" + Symbol + "\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}";

    public static readonly byte[] SubscribeMessage = Encoding.UTF8.GetBytes(SubscribeText);

    /// <summary>A started server on 127.0.0.1 (free port) serving the stream.</summary>
    public static BitfinexSimulatorServer StartServer()
    {
        var server = new BitfinexSimulatorServer(new SimulatorOptions { Seed = Seed, EventsPerSecond = 0 });
        server.Start();
        return server;
    }
}
