namespace Velox.Net.WebSockets;

/// <summary>RFC 6455 section 5.2 opcodes (the low 4 bits of the first header byte).</summary>
public static class WebSocketOpcode
{
    public const byte Continuation = 0x0;
    public const byte Text = 0x1;
    public const byte Binary = 0x2;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    /// <summary>True for close, ping and pong (opcodes with the high bit set).</summary>
    public static bool IsControl(byte opcode) => (opcode & 0x8) != 0;

    /// <summary>True for the six opcodes RFC 6455 defines; the rest are reserved.</summary>
    public static bool IsDefined(byte opcode) => opcode <= Binary || (opcode >= Close && opcode <= Pong);
}
