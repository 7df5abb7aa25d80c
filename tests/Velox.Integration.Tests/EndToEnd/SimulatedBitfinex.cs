using System.Diagnostics;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Net.Reconnect;
using Velox.Simulator;
using Velox.Simulator.Hosting;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Integration.Tests.EndToEnd;

/// <summary>Our simulator on 127.0.0.1 and our connector against it, polled on the test thread.</summary>
internal sealed class SimulatedBitfinex : IDisposable
{
    public SimulatedBitfinex(SimulatorOptions options, int bookLength = 25)
    {
        Server = new BitfinexSimulatorServer(options);
        Server.Start();
        var registry = new InstrumentRegistry();
        Session = new BitfinexMarketDataSession(registry, new BitfinexSessionOptions
        {
            ConfFlags = BitfinexConfFlags.SeqAll | BitfinexConfFlags.OrderBookChecksum,
        });
        foreach (var spec in options.Instruments)
        {
            registry.Add(BitfinexVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
            Session.SubscribeBook(spec.Symbol, "P0", "F0", bookLength);
            Session.SubscribeTrades(spec.Symbol);
        }

        var reconnect = new ReconnectPolicy(
            TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5), ReconnectJitter.Full, new Random(1));
        Connector = new BitfinexConnector<NullMarketDataHandler>(Server.Url, Session, default, reconnect);
        BookCount = options.Instruments.Count;
    }

    public BitfinexSimulatorServer Server { get; }

    public BitfinexMarketDataSession Session { get; }

    public BitfinexConnector<NullMarketDataHandler> Connector { get; }

    public int BookCount { get; }

    public int BooksInSync
    {
        get
        {
            var count = 0;
            foreach (var subscription in Session.Subscriptions)
            {
                if (subscription!.Book is not null && subscription.State == BookSyncState.InSync)
                {
                    count++;
                }
            }

            return count;
        }
    }

    public bool AllBooksInSync => BooksInSync == BookCount;

    /// <summary>Polls the connector until <paramref name="condition"/> holds; false on timeout.</summary>
    public bool PollUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Connector.DoWork() == 0)
            {
                Thread.Yield();
            }

            if (condition())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Polls for a fixed time.</summary>
    public void PollFor(TimeSpan duration) => PollUntil(() => false, duration);

    public void Dispose()
    {
        Connector.Dispose();
        Server.Dispose();
    }
}
