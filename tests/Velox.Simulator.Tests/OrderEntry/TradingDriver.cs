using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Matching;

namespace Velox.Simulator.Tests.OrderEntry;

/// <summary>A session with order entry on synthetic time, sharing an engine with other drivers when asked.</summary>
public sealed class TradingDriver
{
    public const string Key = "velox-sim-key";
    public const string Secret = "velox-sim-secret";
    public const long Millis = 1_000_000;

    public TradingDriver(SimulatorOptions options, MatchingEngine? engine = null, int connectionIndex = 0)
    {
        Engine = engine ?? new MatchingEngine(options.Instruments, options.Accounts, options.Fees, options.Seed);
        Session = new BitfinexSession(options, Sink, connectionIndex, startNanos: 0, Engine);
        Session.Open();
        Sink.Drain();
    }

    /// <summary>Static market (no subscriptions, so no generated events) and the demo account.</summary>
    public static SimulatorOptions StaticOptions(int seed = 11) => new() { Seed = seed, EventsPerSecond = 0 };

    public MatchingEngine Engine { get; }

    public BitfinexSession Session { get; }

    public RecordingSink Sink { get; } = new();

    public long Now { get; private set; }

    public static string AuthMessage(string key, string secret, long nonce, int dms = 0)
    {
        var payload = "AUTH" + nonce;
        var sig = Convert.ToHexStringLower(HMACSHA384.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));
        var dmsPart = dms == 0 ? "" : $",\"dms\":{dms}";
        return $"{{\"event\":\"auth\",\"apiKey\":\"{key}\",\"authSig\":\"{sig}\",\"authPayload\":\"{payload}\",\"authNonce\":{nonce}{dmsPart}}}";
    }

    public static string Type(string frame) => Frames.Parse(frame)[1].GetString()!;

    public static JsonElement Body(string frame) => Frames.Parse(frame)[2];

    public List<string> Auth(long nonce = 1, int dms = 0) => Send(AuthMessage(Key, Secret, nonce, dms));

    public List<string> Send(string json)
    {
        Session.OnClientMessage(Encoding.UTF8.GetBytes(json));
        return Sink.Drain();
    }

    public List<string> Run(long totalMillis, long stepMillis = 1)
    {
        var end = Now + (totalMillis * Millis);
        while (Now < end && !Session.IsClosed)
        {
            Now += stepMillis * Millis;
            Session.Poll(Now);
        }

        return Sink.Drain();
    }

    public static string NewOrder(string type, string amount, string? price = null, long cid = 0, int flags = 0, string symbol = "tBTCUSD")
    {
        var pricePart = price is null ? "" : $",\"price\":\"{price}\"";
        var cidPart = cid == 0 ? "" : $",\"cid\":{cid}";
        var flagsPart = flags == 0 ? "" : $",\"flags\":{flags}";
        return $"[0,\"on\",null,{{\"type\":\"{type}\",\"symbol\":\"{symbol}\",\"amount\":\"{amount}\"{pricePart}{cidPart}{flagsPart}}}]";
    }

    /// <summary>Channel-0 frames of one type.</summary>
    public static List<string> OfType(List<string> frames, string type) =>
        frames.Where(f => f.StartsWith("[0,", StringComparison.Ordinal) && Type(f) == type).ToList();
}
