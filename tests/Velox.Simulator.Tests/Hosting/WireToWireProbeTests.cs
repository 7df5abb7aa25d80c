using System.Text;
using Velox.Simulator.Hosting;

namespace Velox.Simulator.Tests.Hosting;

/// <summary>The wire-to-wire probe samples the first order of a market-data decision: an <c>on</c> by its cid, an <c>ou</c> by its venue id.</summary>
public class WireToWireProbeTests
{
    private static readonly byte[] BookFrame = Encoding.UTF8.GetBytes("[17082,[7254.7,3,3.3]]");

    [Test]
    public void An_expected_amend_is_a_sample_and_an_unexpected_one_is_not()
    {
        var probe = new WireToWireProbe();
        probe.OnFrameSent(BookFrame, 1_000);
        probe.ExpectAmend(7001);
        probe.OnClientMessage(Encoding.UTF8.GetBytes("[0,\"ou\",null,{\"id\":7002,\"price\":\"7905\",\"amount\":\"-0.55\"}]"), 4_000);
        Assert.That(probe.Histogram.Count, Is.Zero, "7002 was not a decision's first order");

        probe.OnClientMessage(Encoding.UTF8.GetBytes("[0,\"ou\",null,{\"id\":7001,\"price\":\"7905\",\"amount\":\"-0.55\"}]"), 5_000);
        Assert.That(probe.Histogram.Count, Is.EqualTo(1));
        Assert.That(probe.Histogram.Max, Is.EqualTo(4_000).Within(1).Percent);
        Assert.That((probe.Amends, probe.Orders), Is.EqualTo((2L, 0L)));
    }

    [Test]
    public void A_new_order_is_still_matched_by_its_cid()
    {
        var probe = new WireToWireProbe();
        probe.OnFrameSent(BookFrame, 1_000);
        probe.ExpectOrder(42);
        probe.OnClientMessage(Encoding.UTF8.GetBytes("[0,\"on\",null,{\"cid\":42,\"type\":\"EXCHANGE LIMIT\"}]"), 3_000);
        Assert.That(probe.Histogram.Count, Is.EqualTo(1));
        Assert.That(probe.Orders, Is.EqualTo(1));
    }
}
