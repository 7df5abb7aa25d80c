using System.Text.Json;
using Velox.Logging.Tests.Support;

namespace Velox.Logging.Tests.Formatting;

public class LineFormatTests
{
    [Test]
    public void ARecordPrintsEveryKeyAndItsTypedFieldsExactly()
    {
        using var t = new TestLogger();
        var oms = t.Catalog.Component("oms");
        var sent = t.Catalog.Event(oms, "order.sent", LogLevel.Info,
            LogField.Text("venue"), LogField.Decimal("px", 8), LogField.Decimal("qty", 4), LogField.Bool("post_only"),
            LogField.Long("client_id"), LogField.Time("sent_at"));
        var venue = t.Catalog.Text("bitfinex");
        t.Clock.Set(1_500);

        Assert.That(t.Logger.Log(sent, [venue.Value, 123, -25_000, Logger.Flag(true), long.MinValue, 2_000_000_000]), Is.True);
        t.Logger.Flush();

        var line = t.Sink.Lines.Single();
        Assert.That(line, Is.EqualTo(
            "{\"ts\":\"2026-11-21T10:57:39.123458Z\",\"level\":\"info\",\"component\":\"oms\",\"event\":\"order.sent\"," +
            "\"fields\":{\"venue\":\"bitfinex\",\"px\":0.00000123,\"qty\":-2.5,\"post_only\":true," +
            "\"client_id\":-9223372036854775808,\"sent_at\":\"2026-11-21T10:57:41.123456Z\"}}\n"));
        using var doc = Line.Parse(line);
        Assert.That(doc.Field("px").GetRawText(), Is.EqualTo("0.00000123"), "fixed point, never exponent notation");
        Assert.That(doc.Field("px").GetDecimal(), Is.EqualTo(0.00000123m));
        Assert.That(doc.Field("qty").GetDecimal(), Is.EqualTo(-2.5m));
        Assert.That(doc.Field("client_id").GetInt64(), Is.EqualTo(long.MinValue));
        Assert.That(doc.Field("post_only").GetBoolean(), Is.True);
    }

    [Test]
    public void InternedStringsAndNamesAreEscaped()
    {
        using var t = new TestLogger();
        var weird = "quote\" back\\slash \n newline \t tab \u0001 ctl é ü 😀 </script>";
        var component = t.Catalog.Component("md \"x\"");
        var evt = t.Catalog.Event(component, "book.\"resync\"", LogLevel.Warn, LogField.Text("reason\n"), LogField.Bool("b"));
        t.Logger.Log(evt, t.Catalog.Text(weird).Value, 0);
        t.Logger.Flush();

        using var doc = Line.Parse(t.Sink.Lines.Single());
        Assert.That(doc.RootElement.GetProperty("component").GetString(), Is.EqualTo("md \"x\""));
        Assert.That(doc.Event(), Is.EqualTo("book.\"resync\""));
        Assert.That(doc.RootElement.GetProperty("level").GetString(), Is.EqualTo("warn"));
        Assert.That(doc.Field("reason\n").GetString(), Is.EqualTo(weird));
        Assert.That(doc.Field("b").GetBoolean(), Is.False);
    }

    [Test]
    public void AValueThatIsNotAnInternedIdPrintsVisiblyAndStaysValidJson()
    {
        using var t = new TestLogger();
        var evt = t.Catalog.Event(t.Catalog.Component("md"), "x", LogLevel.Info, LogField.Text("venue"));
        t.Logger.Log(evt, 77);
        t.Logger.Flush();

        using var doc = Line.Parse(t.Sink.Lines.Single());
        Assert.That(doc.Field("venue").GetString(), Is.EqualTo("#unregistered:77"));
    }

    [Test]
    public void FewerValuesThanFieldsPrintOnlyTheGivenOnesAndNoStaleSlotData()
    {
        using var t = new TestLogger(capacity: 2);
        var evt = t.Catalog.Event(t.Catalog.Component("md"), "x", LogLevel.Info, LogField.Long("a"), LogField.Long("b"), LogField.Long("c"));
        for (var lap = 0; lap < 3; lap++)
        {
            t.Logger.Log(evt, 1, 2, 3);
            t.Logger.Log(evt, 9);
            t.Logger.Flush();
        }

        var docs = t.Sink.Parse();
        Assert.That(docs, Has.Count.EqualTo(6));
        for (var i = 0; i < docs.Count; i += 2)
        {
            Assert.That(docs[i].RootElement.GetProperty("fields").GetRawText(), Is.EqualTo("{\"a\":1,\"b\":2,\"c\":3}"));
            Assert.That(docs[i + 1].RootElement.GetProperty("fields").GetRawText(), Is.EqualTo("{\"a\":9}"));
        }
    }

    [Test]
    public void MessagesAreEscapedAndMergedWithRecordsInTimeOrder()
    {
        using var t = new TestLogger();
        var config = t.Catalog.Component("config");
        var evt = t.Catalog.Event(config, "tick", LogLevel.Info, LogField.Long("n"));
        t.Clock.Set(1_000);
        t.Logger.Log(evt, 1);
        t.Clock.Set(2_000);
        Assert.That(t.Logger.Message(config, LogLevel.Error, "config.invalid", "field \"risk.maxQty\": must be > 0\n(got -1)"), Is.True);
        t.Clock.Set(3_000);
        t.Logger.Log(evt, 2);
        t.Logger.Flush();

        var docs = t.Sink.Parse();
        Assert.That(string.Join(",", docs.Select(d => d.Event())), Is.EqualTo("tick,config.invalid,tick"));
        Assert.That(docs[1].RootElement.GetProperty("level").GetString(), Is.EqualTo("error"));
        Assert.That(docs[1].Field("msg").GetString(), Is.EqualTo("field \"risk.maxQty\": must be > 0\n(got -1)"));
        Assert.That(docs[2].Field("n").GetInt64(), Is.EqualTo(2));
    }

    [Test]
    public void LongMessagesAreKeptWhole()
    {
        using var t = new TestLogger();
        var text = string.Concat(Enumerable.Repeat("αβγ\"", 5_000));
        t.Logger.Message(t.Catalog.Component("startup"), LogLevel.Info, "startup.banner", text);
        t.Logger.Flush();

        using var doc = Line.Parse(t.Sink.Lines.Single());
        Assert.That(doc.Field("msg").GetString(), Is.EqualTo(text));
    }

    [Test]
    public void EveryLineOfAMixedRunIsValidJson()
    {
        using var t = new TestLogger(capacity: 4096);
        var md = t.Catalog.Component("md");
        var evt = t.Catalog.Event(md, "book.update", LogLevel.Info, LogField.Text("symbol"), LogField.Decimal("px", 2), LogField.Decimal("qty", 18));
        var symbols = new[] { t.Catalog.Text("tBTCUSD"), t.Catalog.Text("t\"ODD\\"), t.Catalog.Text("") };
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            t.Clock.Advance(random.Next(1, 1_000_000));
            if (i % 100 == 0)
            {
                t.Logger.Message(md, LogLevel.Warn, "md.note", $"note {i}\r\n\u0000");
            }

            t.Logger.Log(evt, symbols[i % 3].Value, random.NextInt64(long.MinValue, long.MaxValue), random.NextInt64());
        }

        t.Logger.Flush();
        var docs = t.Sink.Parse();
        Assert.That(docs, Has.Count.EqualTo(2_020));
        foreach (var doc in docs.Where(d => d.Event() == "book.update"))
        {
            var raw = doc.Field("qty").GetRawText();
            Assert.That(raw, Does.Not.Contain("E").And.Not.Contain("e"));
            Assert.That(doc.Field("symbol").ValueKind, Is.EqualTo(JsonValueKind.String));
        }

        var times = docs.Select(d => DateTime.Parse(d.RootElement.GetProperty("ts").GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind)).ToList();
        Assert.That(times, Is.Ordered, "records and messages come out in clock order");
    }
}
