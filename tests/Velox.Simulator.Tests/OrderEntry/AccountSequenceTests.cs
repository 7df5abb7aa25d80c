using System.Text.Json;

namespace Velox.Simulator.Tests.OrderEntry;

/// <summary>
/// SEQ_ALL on an authenticated connection, as docs.bitfinex.com describes it: every channel 0 frame except the
/// heartbeat ends with the connection's public sequence number (one count with the public channels) and then
/// the account's own sequence; authNonce may be a numeric string.
/// </summary>
public class AccountSequenceTests
{
    [Test]
    public void Channel_zero_frames_carry_the_public_and_the_auth_sequence()
    {
        var driver = new TradingDriver(TradingDriver.StaticOptions() with { HeartbeatInterval = TimeSpan.FromSeconds(1) });
        var frames = new List<string>();
        frames.AddRange(driver.Send("{\"event\":\"conf\",\"flags\":65536}"));
        frames.AddRange(driver.Send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"len\":\"25\"}"));
        var auth = TradingDriver.AuthMessage(TradingDriver.Key, TradingDriver.Secret, 5).Replace("\"authNonce\":5", "\"authNonce\":\"5\"", StringComparison.Ordinal);
        frames.AddRange(driver.Send(auth));
        frames.AddRange(driver.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.01", "1000")));
        frames.AddRange(driver.Send(TradingDriver.NewOrder("EXCHANGE MARKET", "0.01")));
        frames.AddRange(driver.Run(2_500, stepMillis: 50));

        Assert.That(frames.Any(f => Frames.EventName(f) == "auth" && f.Contains("\"OK\"", StringComparison.Ordinal)), Is.True, "string nonce accepted");
        long? publicSeq = null;
        long authSeq = 0;
        int account = 0, heartbeats = 0;
        foreach (var frame in frames.Where(f => !Frames.IsEvent(f)))
        {
            var root = Frames.Parse(frame);
            var length = root.GetArrayLength();
            if (Frames.IsChannel(frame, 0))
            {
                if (root[1].GetString() == "hb")
                {
                    Assert.That(length, Is.EqualTo(2), "channel 0 heartbeats carry no numbers");
                    heartbeats++;
                    continue;
                }

                Assert.That(root[length - 2].ValueKind, Is.EqualTo(JsonValueKind.Number), frame);
                Assert.That(root[length - 1].GetInt64(), Is.EqualTo(++authSeq), frame);
                CheckPublic(root[length - 2].GetInt64(), frame);
                account++;
                continue;
            }

            CheckPublic(root[length - 1].GetInt64(), frame);
        }

        Assert.That(account, Is.GreaterThanOrEqualTo(8), "ps, ws, os, notifications, orders, trades, wallets");
        Assert.That(heartbeats, Is.GreaterThan(0));

        void CheckPublic(long seq, string frame)
        {
            if (publicSeq is { } last)
            {
                Assert.That(seq, Is.EqualTo(last + 1), frame);
            }

            publicSeq = seq;
        }
    }
}
