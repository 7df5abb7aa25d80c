using Velox.MarketData.Json;

namespace Velox.MarketData.Tests.Json;

public sealed class JsonScannerTests
{
    [Test]
    public void WalksObjectMembersAndArrayElements()
    {
        var s = new JsonScanner(" {\"a\":\"1.50\", \"b\":[1,\"x\",{\"c\":[]}],\"d\":-7e-3, \"e\":null} "u8);
        Assert.That(s.TryConsume((byte)'{'), Is.True);
        var index = 0;

        Assert.That(s.NextProperty(ref index, out var name), Is.EqualTo(JsonStep.Item));
        Assert.That(name.SequenceEqual("a"u8) && s.TryReadNumberText(out var a) && a.SequenceEqual("1.50"u8), Is.True);
        Assert.That(s.NextProperty(ref index, out name), Is.EqualTo(JsonStep.Item));
        Assert.That(s.TryConsume((byte)'['), Is.True);
        var element = 0;
        Assert.That(s.NextElement(ref element), Is.EqualTo(JsonStep.Item));
        Assert.That(s.TryReadInt64(out var one) && one == 1, Is.True);
        Assert.That(s.NextElement(ref element), Is.EqualTo(JsonStep.Item));
        Assert.That(s.TrySkipValue(), Is.True);
        Assert.That(s.NextElement(ref element), Is.EqualTo(JsonStep.Item));
        Assert.That(s.TryReadComposite(out var composite) && composite.SequenceEqual("{\"c\":[]}"u8), Is.True);
        Assert.That(s.NextElement(ref element), Is.EqualTo(JsonStep.End));
        Assert.That(s.NextProperty(ref index, out name), Is.EqualTo(JsonStep.Item));
        Assert.That(s.TryReadNumberToken(out var d) && d.SequenceEqual("-7e-3"u8), Is.True);
        Assert.That(s.NextProperty(ref index, out name), Is.EqualTo(JsonStep.Item));
        Assert.That(name.SequenceEqual("e"u8) && s.TrySkipValue(), Is.True);
        Assert.That(s.NextProperty(ref index, out _), Is.EqualTo(JsonStep.End));
        Assert.That(s.AtEnd, Is.True);
    }

    [Test]
    public void EmptyContainersEndImmediately()
    {
        var s = new JsonScanner("[]"u8);
        s.TryConsume((byte)'[');
        var index = 0;
        Assert.That(s.NextElement(ref index), Is.EqualTo(JsonStep.End));
    }

    [TestCase("[1 2]")]
    [TestCase("[1,")]
    [TestCase("[")]
    public void MissingSeparatorOrTruncationIsMalformed(string text)
    {
        var s = new JsonScanner(System.Text.Encoding.ASCII.GetBytes(text));
        s.TryConsume((byte)'[');
        var index = 0;
        var step = s.NextElement(ref index);
        while (step == JsonStep.Item && s.TryReadInt64(out _))
        {
            step = s.NextElement(ref index);
        }

        Assert.That(step, Is.EqualTo(JsonStep.Malformed));
    }

    [Test]
    public void UnterminatedStringAndCompositeFail()
    {
        var s = new JsonScanner("\"abc"u8);
        Assert.That(s.TryReadString(out _), Is.False);
        var t = new JsonScanner("{\"a\":[1,2}"u8);
        Assert.That(t.TryReadComposite(out _), Is.False);
    }

    [Test]
    public void BareIntegersAreReadOnlyUnquotedUnlessAskedForText()
    {
        var s = new JsonScanner("[\"12\",\"12\",-9223372036854775807]"u8);
        s.TryConsume((byte)'[');
        Assert.That(s.TryReadInt64(out _), Is.False);
        Assert.That(s.TryReadInt64Text(out var quoted) && quoted == 12, Is.True);
        s.TryConsume((byte)',');
        s.TrySkipValue();
        s.TryConsume((byte)',');
        Assert.That(s.TryReadInt64(out var big) && big == -9223372036854775807, Is.True);
        Assert.That(JsonScanner.TryParseInt64("9223372036854775808"u8, out _), Is.False);
    }

    [Test]
    public void EmptyQuotedNumberIsAnEmptyToken()
    {
        var s = new JsonScanner("\"\""u8);
        Assert.That(s.TryReadNumberText(out var token) && token.IsEmpty, Is.True);
    }

    [Test]
    public void RawValuesKeepQuotesAndBrackets()
    {
        var s = new JsonScanner(" \"a\" , {\"b\":[true]} ,true,false"u8);
        Assert.That(s.TryReadRawValue(out var a) && a.SequenceEqual("\"a\""u8), Is.True);
        s.TryConsume((byte)',');
        Assert.That(s.TryReadArray(out _), Is.False);
        Assert.That(s.TryReadRawValue(out var b) && b.SequenceEqual("{\"b\":[true]}"u8), Is.True);
        s.TryConsume((byte)',');
        Assert.That(s.TryReadBoolean(out var t) && t, Is.True);
        s.TryConsume((byte)',');
        Assert.That(s.TryReadBoolean(out var f) && !f && s.AtEnd, Is.True);
    }
}
