using Velox.Simulator.Bitfinex;

namespace Velox.Simulator.Tests;

/// <summary>Runs a session on synthetic time: start at 0, poll every step.</summary>
public sealed class SessionDriver
{
    public const long Millis = 1_000_000;

    public SessionDriver(SimulatorOptions options, int connectionIndex = 0)
    {
        Session = new BitfinexSession(options, Sink, connectionIndex, startNanos: 0);
        Session.Open();
    }

    public RecordingSink Sink { get; } = new();

    public BitfinexSession Session { get; }

    public long Now { get; private set; }

    public void Send(string json) => Session.OnClientMessage(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>Advances time by <paramref name="totalMillis"/>, polling every <paramref name="stepMillis"/>.</summary>
    public void Run(long totalMillis, long stepMillis = 5)
    {
        var end = Now + (totalMillis * Millis);
        while (Now < end)
        {
            Now += stepMillis * Millis;
            Session.Poll(Now);
        }
    }
}
