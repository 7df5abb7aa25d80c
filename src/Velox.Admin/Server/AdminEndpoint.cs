using System.Globalization;
using System.Net;

namespace Velox.Admin.Server;

/// <summary>Where the admin HTTP server listens: 127.0.0.1 unless an address is given; port 0 = any free port.</summary>
public readonly record struct AdminEndpoint(IPAddress Address, int Port)
{
    /// <summary>Parses "PORT", "ADDR:PORT" or "[IPv6]:PORT" (e.g. "9464", "0.0.0.0:9464", "[::1]:0").</summary>
    public static bool TryParse(string? text, out AdminEndpoint endpoint, out string error)
    {
        endpoint = default;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "admin address is empty: expected [ADDR:]PORT, e.g. 9464 or 127.0.0.1:9464";
            return false;
        }

        var address = IPAddress.Loopback;
        var portText = text.AsSpan().Trim();
        var colon = portText.LastIndexOf(':');
        if (colon >= 0)
        {
            var host = portText[..colon];
            var bracketed = host.Length >= 2 && host[0] == '[' && host[^1] == ']';
            if (bracketed)
            {
                host = host[1..^1];
            }

            if (!IPAddress.TryParse(host, out var parsed) || bracketed != (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))
            {
                error = $"admin address '{host}' is not an IP address (IPv6 goes in brackets: [::1]:9464)";
                return false;
            }

            address = parsed;
            portText = portText[(colon + 1)..];
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"admin port '{portText}' is not a number from 0 to 65535";
            return false;
        }

        endpoint = new AdminEndpoint(address, port);
        return true;
    }

    public override string ToString() => new IPEndPoint(Address, Port).ToString();
}
