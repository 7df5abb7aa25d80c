using System.Net;
using Velox.Admin.Server;

namespace Velox.Admin.Tests.Server;

public class AdminEndpointTests
{
    [TestCase("9464", "127.0.0.1", 9464)]
    [TestCase("0", "127.0.0.1", 0)]
    [TestCase("0.0.0.0:9464", "0.0.0.0", 9464)]
    [TestCase("[::1]:8080", "::1", 8080)]
    public void Accepts_port_or_address_and_port(string text, string address, int port)
    {
        Assert.That(AdminEndpoint.TryParse(text, out var endpoint, out var error), Is.True, error);
        Assert.That(endpoint, Is.EqualTo(new AdminEndpoint(IPAddress.Parse(address), port)));
    }

    [TestCase("")]
    [TestCase("abc")]
    [TestCase("65536")]
    [TestCase("-1")]
    [TestCase("localhost:9464")]
    [TestCase("::1:9464")]
    [TestCase("127.0.0.1:")]
    public void Refuses_anything_else_with_a_message(string text)
    {
        Assert.That(AdminEndpoint.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Is.Not.Empty);
    }

    [Test]
    public void Kill_token_matches_only_the_exact_secret()
    {
        var token = new KillToken("s3cret");
        Assert.That(token.Matches("s3cret"), Is.True);
        Assert.That(token.Matches("s3cre"), Is.False);
        Assert.That(token.Matches("s3cret "), Is.False);
        Assert.That(token.Matches(string.Empty), Is.False);
        Assert.Throws<ArgumentException>(() => _ = new KillToken(string.Empty));
    }
}
