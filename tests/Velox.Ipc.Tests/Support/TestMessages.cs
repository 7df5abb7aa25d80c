using System.Buffers.Binary;
using Velox.Core.Hashing;

namespace Velox.Ipc.Tests.Support;

/// <summary>
/// Self-checking messages: [publisher i32][sequence i64][crc i32][body…], body bytes derived from
/// (publisher, sequence) so a reader can verify content, order and uniqueness.
/// </summary>
internal static class TestMessages
{
    public const int HeaderLength = 16;

    public static int Write(Span<byte> buffer, int publisher, long sequence, int length)
    {
        var body = buffer.Slice(HeaderLength, length - HeaderLength);
        var seed = (uint)((publisher * 7919) + (sequence * 104729));
        for (var i = 0; i < body.Length; i++)
        {
            seed = (seed * 1664525) + 1013904223;
            body[i] = (byte)(seed >> 24);
        }

        BinaryPrimitives.WriteInt32LittleEndian(buffer, publisher);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[4..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[12..], Crc32.Compute(body));
        return length;
    }

    /// <summary>False when the body does not match its checksum.</summary>
    public static bool Read(ReadOnlySpan<byte> message, out int publisher, out long sequence)
    {
        publisher = BinaryPrimitives.ReadInt32LittleEndian(message);
        sequence = BinaryPrimitives.ReadInt64LittleEndian(message[4..]);
        return BinaryPrimitives.ReadUInt32LittleEndian(message[12..]) == Crc32.Compute(message[HeaderLength..]);
    }
}
