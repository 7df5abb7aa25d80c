using System.Net.Security;

namespace Velox.Net.WebSockets;

/// <summary>Client-only settings on top of <see cref="WebSocketOptions"/>.</summary>
public sealed class WebSocketClientOptions : WebSocketOptions
{
    /// <summary>Server certificate check for wss://; null means the platform's default validation.</summary>
    public RemoteCertificateValidationCallback? RemoteCertificateValidation { get; init; }
}
