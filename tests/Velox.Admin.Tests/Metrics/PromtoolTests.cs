using System.Diagnostics;
using Velox.Admin.Health;
using Velox.Admin.Metrics;
using Velox.Admin.Trading;
using Velox.Core.Metrics;
using Velox.MarketData.Sync;

namespace Velox.Admin.Tests.Metrics;

/// <summary>The exposition of every exporter Velox has, checked by Prometheus's own linter and by our parser.</summary>
public class PromtoolTests
{
    private static readonly string[] ExpectedFamilies =
    [
        "velox_messages_total", "velox_order_reports_total", "velox_risk_rejections_total", "velox_position", "velox_realized_pnl",
        "velox_tick_to_trade_seconds", "velox_parse_to_book_seconds", "velox_connection_up", "velox_last_message_age_seconds",
        "velox_book_in_sync", "velox_ipc_publisher_position", "velox_ipc_back_pressured", "velox_kill_switch_engaged",
    ];

    private static readonly (string, double)[] ExpectedBackPressure = [("md", 1.0), ("orders", 0.0)];

    [Test]
    public void Promtool_check_metrics_accepts_the_full_exposition()
    {
        var promtool = FindPromtool();
        if (promtool is null)
        {
            Assert.Inconclusive("promtool is not installed (Debian package prometheus; ./build.sh test installs it with apt-get)");
        }

        var text = FullExposition();
        var start = new ProcessStartInfo(promtool!, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(text);
        process.StandardInput.Close();
        Assert.That(process.WaitForExit(30_000), Is.True, "promtool did not finish");

        Assert.That(process.ExitCode, Is.Zero, $"promtool: {stdout.Result}{stderr.Result}\n--- exposition ---\n{text}");
        Assert.That(stdout.Result + stderr.Result, Is.Empty, "promtool lint findings");
    }

    [Test]
    public void Our_parser_reads_the_full_exposition_back()
    {
        var families = Exposition.Parse(FullExposition());

        Assert.That(families.Keys, Is.SupersetOf(ExpectedFamilies));
        foreach (var family in families.Values.Where(f => f.Type == "histogram"))
        {
            Exposition.AssertHistogramShape(family);
        }

        Assert.That(families["velox_parse_to_book_seconds"].Samples.Single(s => s.Name.EndsWith("_count", StringComparison.Ordinal)).Value, Is.EqualTo(1000));
        Assert.That(families["velox_ipc_back_pressured"].Samples.Select(s => (s.Label("stream"), s.Value)), Is.EqualTo(ExpectedBackPressure));
        Assert.That(families["velox_book_in_sync"].Samples.Single().Value, Is.EqualTo(1));
    }

    /// <summary>Every exporter with data: engine metrics, a histogram, health and risk collectors, IPC.</summary>
    internal static string FullExposition()
    {
        var registry = new MetricsRegistry();
        registry.Counter("velox_messages_total", "Inbound messages.", new MetricLabel("venue", "bitfinex")).Add(12345);
        var parseToBook = registry.Histogram("velox_parse_to_book_seconds", "Parse to book.", null, new MetricLabel("venue", "bitfinex"));
        var source = new LatencyHistogram();
        for (var i = 1; i <= 1000; i++)
        {
            source.Record(i * 1_500L);
        }

        parseToBook.Publish(source);
        var test = new TestEngine();
        test.BuyAndFill();
        test.OversizedOrder();
        var tickToTrade = new LatencyHistogram();
        tickToTrade.Record(40_000);
        var risk = new RiskHealth(test.KillSwitch);
        new TradingMetrics(registry, test.Engine, test.Instruments.All, risk, tickToTrade).Publish();

        var board = new HealthBoard();
        board.AddConnection("bitfinex").Update(true, 6, 0, Core.Time.MonotonicClock.Now(), null);
        board.AddBook("bitfinex", "tBTCUSD").Update(BookSyncState.InSync, 0);
        board.Ipc = new FixedIpc();
        registry.Add(new HealthMetricsCollector(board));
        registry.Add(new RiskMetricsCollector(risk));
        registry.Add(new IpcMetricsCollector(board.Ipc));
        return registry.Scrape();
    }

    private static string? FindPromtool()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, "promtool");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    internal sealed class FixedIpc : IIpcStatusSource
    {
        public IReadOnlyList<IpcPublisherStatus> ReadPublishers() =>
        [
            new("md", true, 0.01, 4096, 4096, 2048),
            new("orders", true, 0.02, 128, 65664, 128),
        ];
    }
}
