namespace Velox.Net.WebSockets;

/// <summary>RFC 6455 section 7.4.1 close status codes.</summary>
public static class WebSocketCloseCode
{
    public const int NormalClosure = 1000;
    public const int GoingAway = 1001;
    public const int ProtocolError = 1002;
    public const int UnsupportedData = 1003;

    /// <summary>Reported locally when a close frame carried no code; never sent on the wire.</summary>
    public const int NoStatusReceived = 1005;

    /// <summary>Reported locally when the TCP connection ended without a close frame; never sent on the wire.</summary>
    public const int AbnormalClosure = 1006;

    public const int InvalidPayloadData = 1007;
    public const int PolicyViolation = 1008;
    public const int MessageTooBig = 1009;
    public const int MandatoryExtension = 1010;
    public const int InternalError = 1011;

    /// <summary>
    /// True when a peer may put this code in a close frame: 1000-1003, 1007-1011 and the
    /// registered/private ranges 3000-4999 (section 7.4.2).
    /// </summary>
    public static bool IsValidOnWire(int code) =>
        code is (>= NormalClosure and <= UnsupportedData) or (>= InvalidPayloadData and <= InternalError) or (>= 3000 and <= 4999);
}
