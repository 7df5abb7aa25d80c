using ICSharpCode.SharpZipLib.Zip.Compression;
using Velox.Core.Hashing;

namespace Velox.Simulator.Venues.Htx;

/// <summary>
/// Compresses whole frames into single gzip members (RFC 1952) with one reused deflater and buffers, as HTX
/// sends every market-data frame. Buffers grow to the largest frame seen, then stay. Single-threaded.
/// </summary>
public sealed class GzipFrameWriter
{
    private const int HeaderLength = 10;
    private const int TrailerLength = 8;

    private readonly Deflater _deflater = new(Deflater.BEST_SPEED, noZlibHeaderOrFooter: true);
    private byte[] _input = new byte[16 * 1024];
    private byte[] _output = new byte[16 * 1024];

    /// <summary>The gzip member of <paramref name="frame"/>; valid until the next call.</summary>
    public Span<byte> Compress(ReadOnlySpan<byte> frame)
    {
        if (_input.Length < frame.Length)
        {
            _input = new byte[Math.Max(frame.Length, _input.Length * 2)];
        }

        frame.CopyTo(_input);
        _deflater.Reset();
        _deflater.SetInput(_input, 0, frame.Length);
        _deflater.Finish();

        // Magic, deflate, no flags, no mtime, no extra flags, OS unknown.
        ReadOnlySpan<byte> header = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF];
        header.CopyTo(_output);
        var length = HeaderLength;
        while (!_deflater.IsFinished)
        {
            if (_output.Length - length < 1024)
            {
                Array.Resize(ref _output, _output.Length * 2);
            }

            length += _deflater.Deflate(_output, length, _output.Length - length - TrailerLength);
        }

        if (_output.Length - length < TrailerLength)
        {
            Array.Resize(ref _output, length + TrailerLength);
        }

        var crc = Crc32.Compute(frame);
        var trailer = _output.AsSpan(length, TrailerLength);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)frame.Length);
        return _output.AsSpan(0, length + TrailerLength);
    }
}
