using System.Text.Json;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Testing;

namespace Velox.Integration.Tests.Commands;

public class ReplayCheckCommandTests
{
    private const string CryptofeedSession = "bitfinex/cryptofeed_BITFINEX.ws.11.0";

    [Test]
    public void Cryptofeed_session_is_clean_with_zero_gaps()
    {
        var path = RequireShared.File(CryptofeedSession);
        var (code, output, _) = RunInProcess("--venue", "bitfinex", path, "--json");
        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.That(root.GetProperty("frames").GetInt64(), Is.EqualTo(1693));
        Assert.That(root.GetProperty("gaps").GetInt64(), Is.Zero);
        Assert.That(root.GetProperty("checksums_verified").GetInt64(), Is.Zero);
        Assert.That(root.GetProperty("checksum_mismatches").GetInt64(), Is.Zero);
        Assert.That(root.GetProperty("resyncs").GetInt64(), Is.Zero);
        Assert.That(root.GetProperty("errors").GetInt64(), Is.Zero);
        Assert.That(root.GetProperty("counters").GetProperty("sequences_checked").GetInt64(), Is.EqualTo(1670));
        Assert.That(root.GetProperty("books").GetArrayLength(), Is.EqualTo(7));
        var doge = root.GetProperty("books").EnumerateArray().Single(b => b.GetProperty("symbol").GetString() == "tDOGUSD");
        Assert.That(doge.GetProperty("best_bid").GetString(), Is.EqualTo("277730"));
        Assert.That(doge.GetProperty("best_ask").GetString(), Is.EqualTo("282030"));
    }

    [TestCase("okx", "okx/cryptofeed_OKX.ws.1.0", 290)]
    [TestCase("kraken", "kraken/cryptofeed_KRAKEN.ws.50.0", 4269)]
    public void Checksum_venues_verify_every_recorded_checksum(string venue, string capture, long checksums)
    {
        var path = RequireShared.File(capture);
        var (code, output, _) = RunInProcess("--venue", venue, path, "--json");
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), output);
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("venue").GetString(), Is.EqualTo(venue));
        Assert.That(json.RootElement.GetProperty("checksums_verified").GetInt64(), Is.EqualTo(checksums));
        Assert.That(json.RootElement.GetProperty("checksum_mismatches").GetInt64(), Is.Zero);
        Assert.That(json.RootElement.GetProperty("gaps").GetInt64(), Is.Zero);
        Assert.That(json.RootElement.GetProperty("errors").GetInt64(), Is.Zero);
    }

    [TestCase("coinbase", "coinbase/cryptofeed_COINBASE.ws.28.0", 9946L)]
    [TestCase("bybit", "bybit/cryptofeed_v3_BYBIT.jsonl", 3227L)]
    [TestCase("htx", "htx/cryptofeed_HUOBI.ws.44.0", 362L)]
    [TestCase("gateio", "gateio/cryptofeed_GATEIO.ws.1.0", 239L, "gateio/cryptofeed_GATEIO.http.0.0")]
    [TestCase("binance", "binance/cryptofeed_BINANCE.ws.1.0", 265L, "binance/cryptofeed_BINANCE.http.0.0")]
    public void Venue_recordings_replay_clean(string venue, string capture, long frames, string? snapshots = null)
    {
        string[] args = snapshots is null
            ? ["--venue", venue, RequireShared.File(capture), "--json"]
            : ["--venue", venue, RequireShared.File(capture), "--snapshots", RequireShared.File(snapshots), "--json"];
        var (code, output, _) = RunInProcess(args);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), output);
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("frames").GetInt64(), Is.EqualTo(frames));
        Assert.That(json.RootElement.GetProperty("gaps").GetInt64(), Is.Zero);
        Assert.That(json.RootElement.GetProperty("resyncs").GetInt64(), Is.Zero);
        Assert.That(json.RootElement.GetProperty("errors").GetInt64(), Is.Zero);
        Assert.That(json.RootElement.GetProperty("books").GetArrayLength(), Is.GreaterThan(0));
        foreach (var book in json.RootElement.GetProperty("books").EnumerateArray())
        {
            Assert.That(book.GetProperty("state").GetString(), Is.EqualTo("InSync"), book.ToString());
        }
    }

    [Test]
    public void Binance_continuation_file_carries_on_with_no_gap()
    {
        var first = RequireShared.File("binance/hftbacktest_spot_btcusdt_20240808.gz");
        var second = RequireShared.File("binance/hftbacktest_spot_btcusdt_20240809.gz");
        var (code, output, _) = RunInProcess("--venue", "binance", first, second, "--depth", "keep", "--json");
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), output);
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("gaps").GetInt64(), Is.Zero);
        Assert.That(json.RootElement.GetProperty("resyncs").GetInt64(), Is.Zero);
        Assert.That(json.RootElement.GetProperty("counters").GetProperty("depth_updates").GetInt64(), Is.EqualTo(6493));
    }

    [Test]
    public void Checksum_vector_verifies()
    {
        var path = RequireShared.File("bitfinex/derived/bfx-api-go_checksum_vector_tXRPBTC.jsonl");
        var (code, output, _) = RunInProcess("--venue", "bitfinex", path, "--json");
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), output);
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("checksums_verified").GetInt64(), Is.EqualTo(1));
        Assert.That(json.RootElement.GetProperty("checksum_mismatches").GetInt64(), Is.Zero);
    }

    [Test]
    public void Wrong_checksum_and_garbage_are_findings()
    {
        var file = Path.Combine(Path.GetTempPath(), $"velox-bad-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(file,
        [
            """{"event":"info","version":2}""",
            """{"event":"conf","status":"OK","flags":131072}""",
            """{"event":"subscribed","channel":"book","chanId":7,"symbol":"tBTCUSD","prec":"P0","freq":"F0","len":"25","pair":"BTCUSD"}""",
            """[7,[[100,1,2],[101,1,-3]]]""",
            """[7,"cs",12345]""",
            """[7,[100,1""",
            """this is not json""",
        ]);
        try
        {
            var (code, output, _) = RunInProcess("--venue", "bitfinex", file, "--json");
            Assert.That(code, Is.EqualTo(ExitCodes.Findings));
            using var json = JsonDocument.Parse(output);
            Assert.That(json.RootElement.GetProperty("checksum_mismatches").GetInt64(), Is.EqualTo(1));
            Assert.That(json.RootElement.GetProperty("errors").GetInt64(), Is.EqualTo(2));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static readonly object[] BadUsages =
    [
        new object[] { Array.Empty<string>() },
        new object[] { new[] { "--venue", "bitfinex" } },
        new object[] { new[] { "--venue", "nowhere", "x" } },
        new object[] { new[] { "--venue", "bitfinex", "/nonexistent/capture.txt" } },
        new object[] { new[] { "--bogus" } },
    ];

    [TestCaseSource(nameof(BadUsages))]
    public void Bad_usage_exits_2(string[] args)
    {
        var (code, _, error) = RunInProcess(args);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.StartWith("velox replay-check: "));
    }

    [Test]
    public void Native_binary_reports_zero_gaps_on_the_cryptofeed_session()
    {
        var path = RequireShared.File(CryptofeedSession);
        var binary = VeloxBinary.Require();
        var (code, output, error) = VeloxBinary.Run(binary, TimeSpan.FromMinutes(1), "replay-check", "--venue", "bitfinex", path, "--json");
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("frames").GetInt64(), Is.EqualTo(1693));
        Assert.That(json.RootElement.GetProperty("gaps").GetInt64(), Is.Zero);
    }

    private static (int Code, string Output, string Error) RunInProcess(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ReplayCheckCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
