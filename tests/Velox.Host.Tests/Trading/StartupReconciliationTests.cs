using Velox.Host.Trading;
using Velox.Trading.Credentials;
using Velox.Trading.Orders;
using Velox.Venues.Bitfinex.Trading;

namespace Velox.Host.Tests.Trading;

/// <summary>Startup reconciliation that never gets the account snapshots refuses to trade once its timeout passed.</summary>
public class StartupReconciliationTests
{
    [Test]
    public void Without_auth_and_snapshots_it_waits_then_refuses_with_the_reason()
    {
        var h = new DeskHarness(new Velox.Host.Config.BreakerConfig());
        var gateway = new BitfinexOrderGateway(
            h.Engine, h.Registry, new ClientOrderIdSource(3), new VenueCredentials("key", "secret"), new BitfinexNonce(h.Wall), h.Wall);
        var reconciliation = new StartupReconciliation(
            gateway, h.Engine, h.Instrument, h.BookSubscription, "BTC", "USD", 10_00000000, 1000_00000000, h.Clock, TimeSpan.FromSeconds(10));

        Assert.That(reconciliation.Poll(), Is.False);
        h.Clock.Advance(9_999_000_000);
        Assert.Multiple(() =>
        {
            Assert.That(reconciliation.Poll(), Is.False);
            Assert.That(reconciliation.Failure, Is.Null, "still within the timeout");
        });

        h.Clock.Advance(1_000_000);
        Assert.Multiple(() =>
        {
            Assert.That(reconciliation.Poll(), Is.False);
            Assert.That(reconciliation.Completed, Is.False);
            Assert.That(
                reconciliation.Failure,
                Is.EqualTo("reconciliation with bitfinex did not complete within 10 s (gateway Disconnected, no wallet snapshot yet): refusing to trade"));
            Assert.That(h.Engine.Positions[h.Instrument.Id].Quantity.Raw, Is.Zero);
        });
    }
}
