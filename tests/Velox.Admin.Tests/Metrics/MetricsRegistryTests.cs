using Velox.Admin.Metrics;
using Velox.Core.Metrics;

namespace Velox.Admin.Tests.Metrics;

public class MetricsRegistryTests
{
    private static readonly string[] ExpectedLe = ["0.000001", "0.00001", "0.0001", "+Inf"];
    private static readonly double[] ExpectedBuckets = [3.0, 5.0, 6.0, 7.0];

    [Test]
    public void Counters_and_gauges_read_back_with_help_type_and_labels()
    {
        var registry = new MetricsRegistry();
        var btc = registry.Counter("velox_messages_total", "Inbound messages.", new MetricLabel("venue", "bitfinex"));
        var eth = registry.Counter("velox_messages_total", "Inbound messages.", new MetricLabel("venue", "kraken"));
        var age = registry.Gauge("velox_age_seconds", "Age.");
        btc.Add(41);
        btc.Increment();
        eth.Increment();
        age.Set(0.25);

        var families = Exposition.Parse(registry.Scrape());

        var messages = families["velox_messages_total"];
        Assert.That(messages.Type, Is.EqualTo("counter"));
        Assert.That(messages.Help, Is.EqualTo("Inbound messages."));
        Assert.That(messages.Samples.Select(s => (s.Label("venue"), s.Value)), Is.EqualTo(new[] { ("bitfinex", 42.0), ("kraken", 1.0) }));
        Assert.That(families["velox_age_seconds"].Type, Is.EqualTo("gauge"));
        Assert.That(families["velox_age_seconds"].Samples.Single().Value, Is.EqualTo(0.25));
    }

    [Test]
    public void Label_values_and_help_are_escaped()
    {
        var registry = new MetricsRegistry();
        var tricky = "a\"b\\c\nd";
        registry.Gauge("velox_weird", "Help with \\ and\nnewline.", new MetricLabel("symbol", tricky)).Set(1);

        var text = registry.Scrape();

        Assert.That(text, Does.Contain("# HELP velox_weird Help with \\\\ and\\nnewline.\n"));
        Assert.That(text, Does.Contain("velox_weird{symbol=\"a\\\"b\\\\c\\nd\"} 1\n"));
        var family = Exposition.Parse(text)["velox_weird"];
        Assert.That(family.Samples.Single().Label("symbol"), Is.EqualTo(tricky));
        Assert.That(family.Help, Is.EqualTo("Help with \\ and\nnewline."));
    }

    [Test]
    public void Special_gauge_values_use_the_format_spellings()
    {
        var registry = new MetricsRegistry();
        registry.Gauge("velox_nan", "n").Set(double.NaN);
        registry.Gauge("velox_inf", "i").Set(double.PositiveInfinity);
        registry.Gauge("velox_tiny", "t").Set(1e-7);

        var text = registry.Scrape();

        Assert.That(text, Does.Contain("velox_nan NaN\n"));
        Assert.That(text, Does.Contain("velox_inf +Inf\n"));
        Assert.That(Exposition.Parse(text)["velox_tiny"].Samples.Single().Value, Is.EqualTo(1e-7));
    }

    [Test]
    public void Histogram_buckets_are_cumulative_in_seconds_and_end_with_inf_equal_to_count()
    {
        var registry = new MetricsRegistry();
        var metric = registry.Histogram("velox_latency_seconds", "Latency.", [1_000, 10_000, 100_000], new MetricLabel("venue", "sim"));
        var source = new LatencyHistogram();
        long[] values = [100, 900, 1_000, 5_000, 9_000, 50_000, 2_000_000];
        foreach (var value in values)
        {
            source.Record(value);
        }

        metric.Publish(source);
        var family = Exposition.Parse(registry.Scrape())["velox_latency_seconds"];

        Exposition.AssertHistogramShape(family);
        var buckets = family.Samples.Where(s => s.Name == "velox_latency_seconds_bucket").ToList();
        Assert.That(buckets.Select(b => b.Label("le")), Is.EqualTo(ExpectedLe));
        Assert.That(buckets.Select(b => b.Value), Is.EqualTo(ExpectedBuckets));
        Assert.That(buckets.All(b => b.Label("venue") == "sim"), Is.True);
        Assert.That(family.Samples.Single(s => s.Name == "velox_latency_seconds_count").Value, Is.EqualTo(7));
        Assert.That(family.Samples.Single(s => s.Name == "velox_latency_seconds_sum").Value, Is.EqualTo(values.Sum() / 1e9).Within(1e-12));
    }

    [Test]
    public void Histogram_export_sees_only_what_was_published()
    {
        var registry = new MetricsRegistry();
        var metric = registry.Histogram("velox_h_seconds", "h");
        var source = new LatencyHistogram();
        source.Record(10_000);
        metric.Publish(source);
        source.Record(20_000);

        var count = Exposition.Parse(registry.Scrape())["velox_h_seconds"].Samples.Single(s => s.Name == "velox_h_seconds_count").Value;

        Assert.That(count, Is.EqualTo(1));
    }

    [Test]
    public void Empty_histogram_has_zero_buckets_sum_and_count()
    {
        var registry = new MetricsRegistry();
        registry.Histogram("velox_empty_seconds", "e");

        var family = Exposition.Parse(registry.Scrape())["velox_empty_seconds"];

        Exposition.AssertHistogramShape(family);
        Assert.That(family.Samples.All(s => s.Value == 0), Is.True);
        Assert.That(family.Samples.Count(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)), Is.EqualTo(LatencyBuckets.Default.Count + 1));
    }

    [Test]
    public void Bad_names_duplicates_and_type_clashes_are_refused_at_registration()
    {
        var registry = new MetricsRegistry();
        registry.Counter("velox_ok_total", "ok", new MetricLabel("venue", "a"));

        Assert.Throws<ArgumentException>(() => registry.Counter("1bad", "x"));
        Assert.Throws<ArgumentException>(() => registry.Counter("velox-bad", "x"));
        Assert.Throws<ArgumentException>(() => registry.Counter("velox_x_total", "x", new MetricLabel("__reserved", "v")));
        Assert.Throws<ArgumentException>(() => registry.Counter("velox_x_total", "x", new MetricLabel("a", "1"), new MetricLabel("a", "2")));
        Assert.Throws<ArgumentException>(() => registry.Histogram("velox_h_seconds", "x", null, new MetricLabel("le", "1")));
        Assert.Throws<ArgumentException>(() => registry.Histogram("velox_h2_seconds", "x", [10, 5]));
        Assert.Throws<ArgumentException>(() => registry.Counter("velox_ok_total", "ok", new MetricLabel("venue", "a")));
        Assert.Throws<ArgumentException>(() => registry.Gauge("velox_ok_total", "ok", new MetricLabel("venue", "b")));
    }

    [Test]
    public void Mirror_never_moves_a_counter_backwards()
    {
        var counter = new Counter();
        counter.Mirror(10);
        counter.Mirror(7);
        Assert.That(counter.Value, Is.EqualTo(10));
        counter.Mirror(12);
        Assert.That(counter.Value, Is.EqualTo(12));
    }

    [Test]
    public void Hot_path_updates_allocate_nothing()
    {
        var registry = new MetricsRegistry();
        var counter = registry.Counter("velox_c_total", "c");
        var gauge = registry.Gauge("velox_g", "g");
        for (var i = 0; i < 1000; i++)
        {
            counter.Increment();
            counter.Add(2);
            counter.Mirror(i * 10L);
            gauge.Set(i);
            gauge.Set(i % 2 == 0);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            counter.Increment();
            counter.Add(2);
            counter.Mirror(i * 10L);
            gauge.Set(i);
            gauge.Set(i % 2 == 0);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void A_scrape_during_single_writer_updates_sees_monotonic_counts()
    {
        var registry = new MetricsRegistry();
        var counter = registry.Counter("velox_c_total", "c");
        using var stop = new CancellationTokenSource();
        var writer = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                counter.Increment();
            }
        });
        writer.Start();
        var previous = -1.0;
        for (var i = 0; i < 200; i++)
        {
            var value = Exposition.Parse(registry.Scrape())["velox_c_total"].Samples.Single().Value;
            Assert.That(value, Is.GreaterThanOrEqualTo(previous));
            previous = value;
        }

        stop.Cancel();
        writer.Join();
        Assert.That(Exposition.Parse(registry.Scrape())["velox_c_total"].Samples.Single().Value, Is.EqualTo(counter.Value));
    }

    [Test]
    public void Collectors_write_after_the_registered_families()
    {
        var registry = new MetricsRegistry();
        registry.Gauge("velox_first", "f").Set(1);
        registry.Add(new FixedCollector());

        var text = registry.Scrape();

        Assert.That(text.IndexOf("velox_first", StringComparison.Ordinal), Is.LessThan(text.IndexOf("velox_collected", StringComparison.Ordinal)));
        Assert.That(Exposition.Parse(text)["velox_collected"].Samples.Single().Value, Is.EqualTo(3));
    }

    [Test]
    public void Seconds_text_is_exact_for_whole_nanoseconds()
    {
        Assert.That(MetricsWriter.SecondsText(250), Is.EqualTo("0.00000025"));
        Assert.That(MetricsWriter.SecondsText(2_500_000), Is.EqualTo("0.0025"));
        Assert.That(MetricsWriter.SecondsText(1_000_000_000), Is.EqualTo("1"));
    }

    [Test]
    public void Label_text_turns_code_names_into_snake_case()
    {
        Assert.That(LabelText.Snake("DuplicateFill"), Is.EqualTo("duplicate_fill"));
        Assert.That(LabelText.Snake("KillSwitch"), Is.EqualTo("kill_switch"));
        Assert.That(LabelText.Snake("Applied"), Is.EqualTo("applied"));
    }

    private sealed class FixedCollector : IMetricsCollector
    {
        public void Collect(MetricsWriter writer)
        {
            writer.Family("velox_collected", "c", MetricType.Gauge);
            writer.Sample("velox_collected", [], 3L);
        }
    }
}
