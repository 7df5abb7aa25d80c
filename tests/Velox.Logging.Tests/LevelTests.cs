using Velox.Logging.Tests.Support;

namespace Velox.Logging.Tests;

public class LevelTests
{
    [Test]
    public void EventsBelowTheirComponentThresholdAreFilteredBeforeTheRing()
    {
        using var t = new TestLogger(defaultLevel: LogLevel.Info);
        var md = t.Catalog.Component("md");
        var oms = t.Catalog.Component("oms");
        var mdDebug = t.Catalog.Event(md, "md.debug", LogLevel.Debug);
        var mdInfo = t.Catalog.Event(md, "md.info", LogLevel.Info);
        var omsDebug = t.Catalog.Event(oms, "oms.debug", LogLevel.Debug);
        var omsError = t.Catalog.Event(oms, "oms.error", LogLevel.Error);

        t.Catalog.SetLevel(md, LogLevel.Debug);
        Assert.That(t.Logger.Log(mdDebug), Is.True);
        Assert.That(t.Logger.Log(mdInfo), Is.True);
        Assert.That(t.Logger.Log(omsDebug), Is.False, "oms keeps the default info threshold");
        Assert.That(t.Logger.Log(omsError), Is.True);
        t.Logger.Flush();

        Assert.That(string.Join(",", t.Sink.Parse().Select(d => d.Event())), Is.EqualTo("md.debug,md.info,oms.error"));
        Assert.That(t.Logger.DroppedCount, Is.Zero, "filtering is not dropping");
    }

    [Test]
    public void LevelsChangeAtRunTime()
    {
        using var t = new TestLogger();
        var md = t.Catalog.Component("md");
        var info = t.Catalog.Event(md, "md.info", LogLevel.Info);
        var warn = t.Catalog.Event(md, "md.warn", LogLevel.Warn);

        Assert.That(t.Logger.Log(info), Is.True);
        t.Catalog.SetDefaultLevel(LogLevel.Warn);
        Assert.That(t.Logger.Log(info), Is.False);
        Assert.That(t.Logger.Log(warn), Is.True);
        t.Catalog.SetLevel(md, LogLevel.Off);
        Assert.That(t.Logger.Log(warn), Is.False);
        Assert.That(t.Catalog.LevelOf(md), Is.EqualTo(LogLevel.Off));
        t.Catalog.ClearLevel(md);
        Assert.That(t.Catalog.LevelOf(md), Is.EqualTo(LogLevel.Warn));
        Assert.That(t.Logger.Message(md, LogLevel.Info, "m", "filtered"), Is.False);
        Assert.That(t.Logger.Message(md, LogLevel.Error, "m", "kept"), Is.True);
        t.Logger.Flush();

        Assert.That(string.Join(",", t.Sink.Parse().Select(d => d.Event())), Is.EqualTo("md.info,md.warn,m"));
    }

    [Test]
    public void ApplyLevelsReplacesDefaultAndOverridesAndCoversComponentsNotYetRegistered()
    {
        var catalog = new LogCatalog(LogLevel.Info);
        var md = catalog.Component("md");
        var oms = catalog.Component("oms");
        catalog.SetLevel(oms, LogLevel.Trace);

        catalog.ApplyLevels(LogLevel.Error, new Dictionary<string, LogLevel> { ["md"] = LogLevel.Debug, ["risk"] = LogLevel.Warn });

        Assert.That(catalog.DefaultLevel, Is.EqualTo(LogLevel.Error));
        Assert.That(catalog.LevelOf(md), Is.EqualTo(LogLevel.Debug));
        Assert.That(catalog.LevelOf(oms), Is.EqualTo(LogLevel.Error), "the old oms override is gone");
        Assert.That(catalog.LevelOf(catalog.Component("risk")), Is.EqualTo(LogLevel.Warn));
        Assert.That(catalog.LevelOf(catalog.Component("later")), Is.EqualTo(LogLevel.Error), "new components take the current default");
    }

    [Test]
    public void AChangeOnAnotherThreadReachesALoggingThread()
    {
        using var t = new TestLogger(capacity: 1 << 16);
        var md = t.Catalog.Component("md");
        var debug = t.Catalog.Event(md, "md.debug", LogLevel.Debug);
        var sawEnabled = false;
        var logger = new Thread(() =>
        {
            var deadline = Environment.TickCount64 + 10_000;
            while (!t.Logger.Log(debug) && Environment.TickCount64 < deadline)
            {
                Thread.SpinWait(10);
            }

            sawEnabled = Environment.TickCount64 < deadline;
        });
        logger.Start();
        Thread.Sleep(20);
        t.Catalog.SetLevel(md, LogLevel.Trace);
        Assert.That(logger.Join(TimeSpan.FromSeconds(15)), Is.True);
        Assert.That(sawEnabled, Is.True);
    }

    [TestCase("info", LogLevel.Info)]
    [TestCase(" WARNING ", LogLevel.Warn)]
    [TestCase("Trace", LogLevel.Trace)]
    [TestCase("off", LogLevel.Off)]
    public void LevelNamesParse(string text, LogLevel expected)
    {
        Assert.That(LogLevelText.TryParse(text, out var level), Is.True);
        Assert.That(level, Is.EqualTo(expected));
        Assert.That(LogLevelText.TryParse(LogLevelText.Name(level), out var again) && again == level, Is.True);
    }

    [TestCase("")]
    [TestCase("verbose")]
    [TestCase(null)]
    public void BadLevelNamesAreRefused(string? text) => Assert.That(LogLevelText.TryParse(text, out _), Is.False);

    [Test]
    public void ALevelSpecSetsTheDefaultAndOverridesInOneGo()
    {
        Assert.That(LogLevelSpec.TryParse(" warn , md=debug,oms = TRACE ", out var spec, out var error), Is.True, error);
        var catalog = new LogCatalog();
        var md = catalog.Component("md");
        catalog.SetLevel(catalog.Component("risk"), LogLevel.Error);
        spec.Apply(catalog);

        Assert.That(catalog.DefaultLevel, Is.EqualTo(LogLevel.Warn));
        Assert.That(catalog.LevelOf(md), Is.EqualTo(LogLevel.Debug));
        Assert.That(catalog.LevelOf(catalog.Component("oms")), Is.EqualTo(LogLevel.Trace));
        Assert.That(catalog.LevelOf(catalog.Component("risk")), Is.EqualTo(LogLevel.Warn), "a reload drops overrides it does not repeat");
        Assert.That(LogLevelSpec.TryParse("md=error", out var onlyOverride, out _) && onlyOverride.Default == LogLevel.Info, Is.True);
    }

    [TestCase("", "empty")]
    [TestCase("loud", "'loud' is not a level")]
    [TestCase("info,debug", "a second default level")]
    [TestCase("info,md=", "expected component=level")]
    [TestCase("=debug", "expected component=level")]
    [TestCase("md=debug,md=info", "component 'md' appears twice")]
    public void BadLevelSpecsNameTheProblem(string text, string expected)
    {
        Assert.That(LogLevelSpec.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(expected));
    }
}
