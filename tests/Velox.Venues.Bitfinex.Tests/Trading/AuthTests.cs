using System.Security.Cryptography;
using System.Text;
using Velox.Trading.Credentials;
using Velox.Venues.Bitfinex.Trading;

namespace Velox.Venues.Bitfinex.Tests.Trading;

public sealed class AuthTests
{
    [Test]
    public void SignatureIsHexHmacSha384OfAuthPlusNonce_ComputedIndependently()
    {
        const long Nonce = 1_575_288_000_123_456;
        var secret = Encoding.ASCII.GetBytes("s3cr3t-Key_Value");
        using var hmac = new HMACSHA384(secret);
        var expected = Convert.ToHexStringLower(hmac.ComputeHash(Encoding.ASCII.GetBytes("AUTH1575288000123456")));

        Span<byte> payload = stackalloc byte[32];
        Assert.That(BitfinexAuth.TryWritePayload(payload, Nonce, out var n), Is.True);
        var signature = new byte[BitfinexAuth.SignatureHexLength];
        Assert.That(BitfinexAuth.TryWriteSignature(secret, payload[..n], signature), Is.True);

        Assert.That(Encoding.ASCII.GetString(payload[..n]), Is.EqualTo("AUTH1575288000123456"));
        Assert.That(Encoding.ASCII.GetString(signature), Is.EqualTo(expected));
    }

    [Test]
    public void AuthRequestIsTheDocumentedEventByteForByte()
    {
        var secret = "abc"u8.ToArray();
        using var hmac = new HMACSHA384(secret);
        var sig = Convert.ToHexStringLower(hmac.ComputeHash("AUTH42"u8.ToArray()));
        var buffer = new byte[512];

        Assert.That(BitfinexAuth.TryWriteAuthRequest(buffer, "KEY"u8, secret, 42, 4, out var written), Is.True);
        Assert.That(Encoding.ASCII.GetString(buffer, 0, written), Is.EqualTo(
            $"{{\"event\":\"auth\",\"apiKey\":\"KEY\",\"authSig\":\"{sig}\",\"authPayload\":\"AUTH42\",\"authNonce\":\"42\",\"dms\":4}}"));

        Assert.That(BitfinexAuth.TryWriteAuthRequest(buffer, "KEY"u8, secret, 42, 0, out written), Is.True);
        Assert.That(Encoding.ASCII.GetString(buffer, 0, written), Does.Not.Contain("dms"));
        Assert.That(BitfinexAuth.TryWriteAuthRequest(new byte[100], "KEY"u8, secret, 42, 4, out _), Is.False, "too small");
    }

    [Test]
    public void NonceIsStrictlyIncreasingEvenWhenTheClockStandsStillOrGoesBack()
    {
        var wall = new FixedWallClock(1_000_000_000_000);
        var nonce = new BitfinexNonce(wall);
        var first = nonce.Next();
        Assert.That(first, Is.EqualTo(1_000_000_000));
        Assert.That(nonce.Next(), Is.EqualTo(first + 1), "same clock reading");
        wall.Now -= 5_000_000_000;
        Assert.That(nonce.Next(), Is.EqualTo(first + 2), "clock stepped back");
        wall.Now += 60_000_000_000;
        Assert.That(nonce.Next(), Is.EqualTo(wall.Now / 1_000), "clock moved on");
        Assert.That(nonce.Next(), Is.LessThanOrEqualTo(BitfinexNonce.MaxSafeInteger));
    }

    [Test]
    public void NonceStaysIncreasingAcrossARestart_StateFileAndClockRule()
    {
        var path = Path.Combine(Path.GetTempPath(), $"velox-nonce-{Guid.NewGuid():N}");
        try
        {
            var wall = new FixedWallClock(2_000_000_000_000);
            var before = new BitfinexNonce(wall, path);
            long last = 0;
            for (var i = 0; i < 5; i++)
            {
                last = before.Next();
            }

            // The restarted process sees a wall clock one minute behind (NTP step): the file still wins.
            wall.Now -= 60_000_000_000;
            var after = new BitfinexNonce(wall, path);
            Assert.That(after.Last, Is.EqualTo(last));
            Assert.That(after.Next(), Is.EqualTo(last + 1));

            // Without a file the clock rule alone keeps a later process above an earlier one.
            var stateless = new BitfinexNonce(new FixedWallClock(wall.Now + 120_000_000_000));
            Assert.That(stateless.Next(), Is.GreaterThan(last + 1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void AuthFailureMessagesNameTheCodeAndNeverTheSecret()
    {
        var h = new GatewayHarness();
        h.Session.OnConnected();
        var sent = h.TakeSent();
        Assert.That(sent, Has.Some.StartsWith("{\"event\":\"auth\",\"apiKey\":\"testKeyAbc123\""));
        Assert.That(sent, Has.None.Contains(GatewayHarness.Secret));

        h.Feed("""{"event":"auth","status":"FAILED","chanId":0,"code":10114,"msg":"nonce: small"}""");
        Assert.That(h.Gateway.State, Is.EqualTo(BitfinexGatewayState.AuthFailed));
        Assert.That(h.Gateway.LastAuthError, Does.Contain("10114").And.Contain("nonce"));
        Assert.That(h.Gateway.LastAuthError, Does.Not.Contain(GatewayHarness.Secret));
        Assert.That(BitfinexOrderGateway.DescribeAuthFailure(10100, default), Does.Contain("10100"));

        // Orders are refused locally while not authenticated.
        var id = h.Engine.TrySubmit(
            Velox.Trading.Orders.OrderRequest.Limit(h.Btc.Id, Velox.Core.Side.Bid, new(1_000_000), new(100_000_000)), h.Market, out _, out var coid);
        Assert.That(id, Is.EqualTo(Velox.Trading.Oms.SubmitStatus.Accepted));
        Assert.That(h.Gateway.SendNew(coid), Is.False);
        Assert.That(h.Order(coid).State, Is.EqualTo(Velox.Trading.Orders.OrderState.Rejected));
        Assert.That(h.Order(coid).RejectCode, Is.EqualTo((ushort)Velox.Venues.Bitfinex.Trading.Parsing.BitfinexRejectCode.NotAuthenticated));
    }

    [Test]
    public void ReconnectAuthenticatesAgainWithANewNonce()
    {
        var h = new GatewayHarness();
        var first = h.MakeReady().Single(m => m.Contains("\"auth\""));
        h.Session.OnDisconnected();
        Assert.That(h.Gateway.State, Is.EqualTo(BitfinexGatewayState.Disconnected));
        var second = h.MakeReady().Single(m => m.Contains("\"auth\""));
        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(h.Gateway.AuthSuccesses, Is.EqualTo(2));
    }

    [Test]
    public void CredentialsComeFromEnvironmentAndNeverShowTheSecret()
    {
        var env = new Dictionary<string, string?>
        {
            ["VELOX_BITFINEX_API_KEY"] = "abcdEFGH1234",
            ["VELOX_BITFINEX_API_SECRET"] = "verySecretValue987",
        };
        var credentials = VenueCredentialsLoader.Load("bitfinex", environment: name => env.GetValueOrDefault(name));
        Assert.That(Encoding.ASCII.GetString(credentials.ApiKeyUtf8.Span), Is.EqualTo("abcdEFGH1234"));
        Assert.That(Encoding.ASCII.GetString(credentials.Secret), Is.EqualTo("verySecretValue987"));
        Assert.That(credentials.ToString(), Does.Not.Contain("verySecretValue987").And.Not.Contain("abcdEFGH1234"));

        env["VELOX_BITFINEX_API_SECRET"] = null;
        var missing = Assert.Throws<InvalidOperationException>(() => VenueCredentialsLoader.Load("bitfinex", environment: name => env.GetValueOrDefault(name)))!;
        Assert.That(missing.Message, Does.Contain("VELOX_BITFINEX_API_SECRET"));

        env["VELOX_BITFINEX_API_SECRET"] = "bad secret with spaces";
        var bad = Assert.Throws<InvalidOperationException>(() => VenueCredentialsLoader.Load("bitfinex", environment: name => env.GetValueOrDefault(name)))!;
        Assert.That(bad.Message, Does.Not.Contain("bad secret"));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void CredentialsFileMustBeOwnerOnly_ErrorNamesThePathOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("POSIX permissions");
        }

        var path = Path.Combine(Path.GetTempPath(), $"velox-cred-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(path, "# bitfinex\nVELOX_BITFINEX_API_KEY=fileKey0001\nVELOX_BITFINEX_API_SECRET=fileSecret0002\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var open = Assert.Throws<InvalidOperationException>(() => VenueCredentialsLoader.Load("bitfinex", path))!;
            Assert.That(open.Message, Does.Contain(path).And.Contain("600"));
            Assert.That(open.Message, Does.Not.Contain("fileSecret0002").And.Not.Contain("fileKey0001"));

            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var credentials = VenueCredentialsLoader.Load("bitfinex", path);
            Assert.That(Encoding.ASCII.GetString(credentials.Secret), Is.EqualTo("fileSecret0002"));
            Assert.That(credentials.ToString(), Does.Not.Contain("fileSecret0002"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
