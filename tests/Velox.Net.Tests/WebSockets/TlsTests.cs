using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Velox.Net.WebSockets;

namespace Velox.Net.Tests.WebSockets;

/// <summary>wss:// against the BCL server WebSocket behind an SslStream with a self-signed certificate.</summary>
[CancelAfter(20_000)]
public sealed class TlsTests
{
    private static readonly X509Certificate2 Certificate = CreateSelfSigned();

    [Test]
    public async Task Round_trips_over_tls_with_a_pinned_self_signed_certificate()
    {
        await using var peer = BclServerPeer.Start(BclServerPeer.EchoAsync, wrap: AuthenticateAsServerAsync);
        var options = new WebSocketClientOptions
        {
            MaxMessageSize = 1024 * 1024,
            RemoteCertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == Certificate.GetCertHashString(),
        };
        using var client = await WebSocketClient.ConnectAsync(new Uri($"wss://127.0.0.1:{peer.Port}/secure"), options);
        var recording = new Recording();
        var large = new byte[200_000];
        new Random(3).NextBytes(large);

        Assert.That(client.IsTls, Is.True);
        Assert.That(client.SendText("over tls"u8), Is.True);
        Assert.That(client.SendBinary(large), Is.True);
        Assert.That(client.SendPing("p"u8), Is.True);
        recording.PollUntil(client, r => r.Messages.Count >= 2 && client.PongsReceived == 1);

        Assert.That(recording.Text(0), Is.EqualTo("over tls"));
        Assert.That(recording.Messages[1].Payload.AsSpan().SequenceEqual(large), Is.True);
        Assert.That(client.Close(WebSocketCloseCode.NormalClosure, "bye"u8, TimeSpan.FromSeconds(5)), Is.True);
        await peer.Completion;
    }

    [Test]
    public async Task Default_validation_refuses_a_self_signed_certificate()
    {
        await using var peer = BclServerPeer.Start(BclServerPeer.EchoAsync, wrap: AuthenticateAsServerAsync);

        Assert.ThrowsAsync<AuthenticationException>(() => WebSocketClient.ConnectAsync(new Uri($"wss://127.0.0.1:{peer.Port}/")));
    }

    private static async Task<Stream> AuthenticateAsServerAsync(Stream stream)
    {
        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = Certificate });
        return tls;
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=velox-test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
