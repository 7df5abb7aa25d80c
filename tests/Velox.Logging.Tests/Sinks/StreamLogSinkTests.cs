using System.Text;
using Velox.Logging.Sinks;

namespace Velox.Logging.Tests.Sinks;

public class StreamLogSinkTests
{
    [Test]
    public void BuffersUntilFlushAndPassesLongLinesWhole()
    {
        var stream = new MemoryStream();
        using var sink = new StreamLogSink(stream, ownsStream: false, bufferSize: 256);
        sink.Write("{\"a\":1}\n"u8);
        Assert.That(stream.Length, Is.Zero, "buffered");
        var big = "{\"b\":\"" + new string('z', 1_000) + "\"}\n";
        sink.Write(Encoding.ASCII.GetBytes(big));
        sink.Write("{\"c\":3}\n"u8);
        sink.Flush();
        Assert.That(Encoding.ASCII.GetString(stream.ToArray()), Is.EqualTo("{\"a\":1}\n" + big + "{\"c\":3}\n"));
    }

    [Test]
    public void AFailingStreamIsCountedNotThrown()
    {
        using var sink = new StreamLogSink(new FailingStream(), ownsStream: true, bufferSize: 256);
        sink.Write("{\"a\":1}\n"u8);
        sink.Flush();
        Assert.That(sink.Errors, Is.EqualTo(2), "the write and the flush");
    }

    private sealed class FailingStream : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("disk full");

        public override void Flush() => throw new IOException("disk full");
    }
}
