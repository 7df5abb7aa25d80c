namespace Velox.Logging.Tests;

public class CatalogTests
{
    [Test]
    public void RegistrationIsIdempotentForTheSameDefinition()
    {
        var catalog = new LogCatalog();
        var md = catalog.Component("md");
        Assert.That(catalog.Component("md"), Is.EqualTo(md));
        var a = catalog.Event(md, "book.resync", LogLevel.Warn, LogField.Text("reason"));
        var b = catalog.Event(md, "book.resync", LogLevel.Warn, LogField.Text("reason"));
        Assert.That(b.Id, Is.EqualTo(a.Id));
        Assert.That(catalog.Text("bitfinex"), Is.EqualTo(catalog.Text("bitfinex")));
        Assert.That(catalog.Text("okx"), Is.Not.EqualTo(catalog.Text("bitfinex")));
        Assert.That(catalog.Events[a.Id].Name, Is.EqualTo("book.resync"));
        Assert.That(catalog.Events[catalog.Dropped.Id].Name, Is.EqualTo(LogCatalog.DroppedEventName));
    }

    [Test]
    public void ConflictingOrOversizedDefinitionsAreRefusedWithTheReason()
    {
        var catalog = new LogCatalog();
        var md = catalog.Component("md");
        catalog.Event(md, "book.resync", LogLevel.Warn, LogField.Text("reason"));

        Assert.That(() => catalog.Event(md, "book.resync", LogLevel.Info, LogField.Text("reason")),
            Throws.ArgumentException.With.Message.Contains("different definition"));
        Assert.That(() => catalog.Event(md, "wide", LogLevel.Info, [.. Enumerable.Range(0, LogCatalog.MaxFields + 1).Select(i => LogField.Long($"f{i}"))]),
            Throws.ArgumentException.With.Message.Contains("at most 13"));
        Assert.That(() => catalog.Event(md, "twice", LogLevel.Info, LogField.Long("a"), LogField.Bool("a")),
            Throws.ArgumentException.With.Message.Contains("'a' appears twice"));
        Assert.That(() => catalog.Event(md, "off", LogLevel.Off), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => LogField.Decimal("px", 19), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => catalog.Event(new LogComponent(40, "alien"), "x", LogLevel.Info), Throws.ArgumentException.With.Message.Contains("not from this catalog"));
    }

    [Test]
    public void ComponentsAreBounded()
    {
        var catalog = new LogCatalog();
        for (var i = 1; i < LogCatalog.MaxComponents; i++)
        {
            catalog.Component($"c{i}");
        }

        Assert.That(() => catalog.Component("one-too-many"), Throws.InvalidOperationException.With.Message.Contains("more than 256 components"));
    }
}
