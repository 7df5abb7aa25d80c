using System.Text.RegularExpressions;

namespace Velox.Simulator.Tests.OrderEntry;

public class AuthTests
{
    private static List<string> One(string frame) => [frame];

    [Test]
    public void GoodSignature_AuthenticatesAndSendsPositionWalletAndOrderSnapshots()
    {
        var d = new TradingDriver(TradingDriver.StaticOptions());
        var frames = d.Auth(nonce: 1_700_000_000_000_000);

        Assert.That(frames, Has.Count.EqualTo(4));
        Assert.That(frames[0], Does.Match(new Regex(
            "^\\{\"event\":\"auth\",\"status\":\"OK\",\"chanId\":0,\"userId\":1000001,\"auth_id\":\"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\",\"caps\":\\{\"orders\":\\{\"read\":1,\"write\":1\\}.*\\}\\}$")));
        Assert.That(frames[1], Is.EqualTo("[0,\"ps\",[]]"));
        Assert.That(frames[2], Is.EqualTo(
            "[0,\"ws\",[[\"exchange\",\"BTC\",10,0,10,null,null],[\"exchange\",\"USD\",1000000,0,1000000,null,null],"
            + "[\"exchange\",\"ETH\",100,0,100,null,null],[\"exchange\",\"XRP\",1000000,0,1000000,null,null]]]"));
        Assert.That(frames[3], Is.EqualTo("[0,\"os\",[]]"));
        Assert.That(d.Session.Account, Is.EqualTo(0));
    }

    [Test]
    public void BadSignature_IsRefusedWithDigestInvalid()
    {
        var d = new TradingDriver(TradingDriver.StaticOptions());
        var frames = d.Send(TradingDriver.AuthMessage(TradingDriver.Key, "not-the-secret", 5));
        Assert.That(frames, Is.EqualTo(One("{\"event\":\"auth\",\"status\":\"FAILED\",\"chanId\":0,\"code\":10100,\"msg\":\"apikey: digest invalid\"}")));
        Assert.That(d.Session.Account, Is.EqualTo(-1));
    }

    [Test]
    public void UnknownKey_IsRefusedWithApikeyInvalid()
    {
        var d = new TradingDriver(TradingDriver.StaticOptions());
        var frames = d.Send(TradingDriver.AuthMessage("nobody", TradingDriver.Secret, 5));
        Assert.That(frames, Is.EqualTo(One("{\"event\":\"auth\",\"status\":\"FAILED\",\"chanId\":0,\"code\":10100,\"msg\":\"apikey: invalid\"}")));
    }

    [Test]
    public void NonceNotAboveTheKeysLast_IsRefusedAcrossConnections()
    {
        var options = TradingDriver.StaticOptions();
        var first = new TradingDriver(options);
        Assert.That(Frames.EventName(first.Auth(nonce: 500)[0]), Is.EqualTo("auth"));
        var second = new TradingDriver(options, first.Engine, connectionIndex: 1);
        var small = "{\"event\":\"auth\",\"status\":\"FAILED\",\"chanId\":0,\"code\":10114,\"msg\":\"nonce: small\"}";
        Assert.That(second.Auth(nonce: 500), Is.EqualTo(One(small)), "equal nonce");
        Assert.That(second.Auth(nonce: 499), Is.EqualTo(One(small)), "smaller nonce");
        Assert.That(second.Auth(nonce: 501)[0], Does.StartWith("{\"event\":\"auth\",\"status\":\"OK\""));
    }

    [Test]
    public void SecondAuthOnOneConnection_IsRefused()
    {
        var d = new TradingDriver(TradingDriver.StaticOptions());
        d.Auth(nonce: 1);
        Assert.That(d.Auth(nonce: 2), Is.EqualTo(One("{\"event\":\"auth\",\"status\":\"FAILED\",\"chanId\":0,\"code\":10100,\"msg\":\"auth: dup\"}")));
    }

    [Test]
    public void OrderInputsBeforeAuth_AreRefusedAndPlaceNothing()
    {
        var d = new TradingDriver(TradingDriver.StaticOptions());
        var frames = d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", "1000"));
        Assert.That(frames, Is.EqualTo(One("{\"event\":\"error\",\"msg\":\"auth: invalid\",\"code\":10100}")));
        Assert.That(d.Send("[0,\"oc\",null,{\"id\":1}]"), Has.Count.EqualTo(1));
        Assert.That(d.Engine.OpenOrderCount(0), Is.Zero);
    }

    [Test]
    public void AuthenticatedChannelZero_GetsHeartbeatsWhenIdle()
    {
        var d = new TradingDriver(TradingDriver.StaticOptions() with { HeartbeatInterval = TimeSpan.FromMilliseconds(500) });
        Assert.That(d.Run(2000), Is.Empty, "no channel 0 before login");
        d.Auth(nonce: 1);
        var frames = d.Run(1200);
        Assert.That(frames, Is.EqualTo(new List<string> { "[0,\"hb\"]", "[0,\"hb\"]" }));
    }
}
