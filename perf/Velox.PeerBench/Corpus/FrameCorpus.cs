using System.Text;
using Velox.MarketData.Capture;

namespace Velox.PeerBench.Corpus;

/// <summary>
/// A deterministic Bitfinex v2 inbound frame stream held in one contiguous buffer (no per-frame
/// objects), so replaying it measures the pipeline and not the corpus. Written to disk as one frame
/// per line for the node peers.
/// </summary>
public sealed class FrameCorpus
{
    private byte[] _bytes;
    private int[] _offsets;
    private int _length;

    public FrameCorpus(string name, int capacityBytes = 1 << 20)
    {
        Name = name;
        _bytes = new byte[capacityBytes];
        _offsets = new int[4096];
    }

    /// <summary>Short scenario name, e.g. "marfusios".</summary>
    public string Name { get; }

    public int Count { get; private set; }

    /// <summary>Payload bytes of all frames.</summary>
    public long Bytes => _length;

    public ReadOnlySpan<byte> this[int index] => _bytes.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>Appends one frame; a frame may not contain a line break (the file format is one frame per line).</summary>
    public void Add(ReadOnlySpan<byte> frame)
    {
        if (frame.IndexOfAny((byte)'\n', (byte)'\r') >= 0)
        {
            throw new InvalidDataException($"{Name}: frame {Count} contains a line break");
        }

        if (_length + frame.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + frame.Length));
        }

        if (Count + 2 > _offsets.Length)
        {
            Array.Resize(ref _offsets, _offsets.Length * 2);
        }

        frame.CopyTo(_bytes.AsSpan(_length));
        _length += frame.Length;
        Count++;
        _offsets[Count] = _length;
    }

    /// <summary>The inbound frames of a capture (any format CaptureReader reads), in recorded order.</summary>
    public static FrameCorpus FromCapture(string name, string path)
    {
        var corpus = new FrameCorpus(name, 32 << 20);
        using var reader = CaptureReader.Open(path);
        while (reader.TryRead(out var record))
        {
            if (record.Direction == CaptureDirection.Inbound)
            {
                corpus.Add(record.Frame.Span);
            }
        }

        return corpus;
    }

    /// <summary>A copy without the frames <paramref name="drop"/> selects.</summary>
    public FrameCorpus Without(string name, Func<ReadOnlyMemory<byte>, bool> drop)
    {
        var copy = new FrameCorpus(name, _length);
        for (var i = 0; i < Count; i++)
        {
            var frame = _bytes.AsMemory(_offsets[i], _offsets[i + 1] - _offsets[i]);
            if (!drop(frame))
            {
                copy.Add(frame.Span);
            }
        }

        return copy;
    }

    /// <summary>True for a Bitfinex checksum frame <c>[chanId,"cs",n(,seq)]</c>.</summary>
    public static bool IsChecksumFrame(ReadOnlyMemory<byte> frame)
    {
        var span = frame.Span;
        var comma = span.IndexOf((byte)',');
        return span.Length > 0 && span[0] == (byte)'[' && comma > 0 && span[(comma + 1)..].StartsWith("\"cs\""u8);
    }

    /// <summary>Writes one frame per line (UTF-8, '\n').</summary>
    public void WriteLines(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        for (var i = 0; i < Count; i++)
        {
            file.Write(this[i]);
            file.WriteByte((byte)'\n');
        }
    }

    /// <summary>Reads a file written by <see cref="WriteLines"/>.</summary>
    public static FrameCorpus ReadLines(string name, string path)
    {
        var bytes = File.ReadAllBytes(path);
        var corpus = new FrameCorpus(name, bytes.Length);
        var rest = bytes.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            if (!line.IsEmpty)
            {
                corpus.Add(line);
            }

            rest = end < 0 ? default : rest[(end + 1)..];
        }

        return corpus;
    }

    public override string ToString() => $"{Name}: {Count:N0} frames, {Bytes / 1e6:N1} MB";

    /// <summary>The frame at <paramref name="index"/> as text (diagnostics).</summary>
    public string FrameText(int index) => Encoding.UTF8.GetString(this[index]);
}
