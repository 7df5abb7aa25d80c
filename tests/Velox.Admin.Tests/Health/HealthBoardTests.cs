using System.Buffers;
using System.Text.Json;
using Velox.Admin.Health;
using Velox.Core.Time;
using Velox.MarketData.Sync;
using Velox.Trading.Risk;

namespace Velox.Admin.Tests.Health;

public class HealthBoardTests
{
    [Test]
    public void Healthy_when_connected_and_every_book_in_sync()
    {
        var clock = new ReplayClock(10_000_000_000);
        var board = new HealthBoard(clock);
        board.AddConnection("bitfinex").Update(true, 6, 2, 9_500_000_000, "sequence gap");
        board.AddBook("bitfinex", "tBTCUSD").Update(BookSyncState.InSync, 1);

        var (verdict, json) = Write(board);

        Assert.That(verdict, Is.EqualTo(new HealthVerdict(true, true)));
        var root = json.RootElement;
        Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("ok"));
        var connection = root.GetProperty("connections")[0];
        Assert.That(connection.GetProperty("connected").GetBoolean(), Is.True);
        Assert.That(connection.GetProperty("subscribedChannels").GetInt32(), Is.EqualTo(6));
        Assert.That(connection.GetProperty("reconnectAttempts").GetInt64(), Is.EqualTo(2));
        Assert.That(connection.GetProperty("lastMessageAgeSeconds").GetDouble(), Is.EqualTo(0.5));
        Assert.That(connection.GetProperty("lastError").GetString(), Is.EqualTo("sequence gap"));
        Assert.That(DateTime.Parse(connection.GetProperty("lastMessageTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture), Is.Not.EqualTo(default(DateTime)));
        var book = root.GetProperty("books")[0];
        Assert.That(book.GetProperty("state").GetString(), Is.EqualTo("in_sync"));
        Assert.That(book.GetProperty("resyncs").GetInt64(), Is.EqualTo(1));
        Assert.That(root.TryGetProperty("ipc", out _), Is.False, "single topology: no IPC section");
        Assert.That(root.TryGetProperty("risk", out _), Is.False, "no risk registered: no risk section");
    }

    [Test]
    public void Not_ready_before_every_book_synced_once_then_ready_stays_latched()
    {
        var board = new HealthBoard();
        var connection = board.AddConnection("bitfinex");
        var btc = board.AddBook("bitfinex", "tBTCUSD");
        var eth = board.AddBook("bitfinex", "tETHUSD");
        Assert.That(board.Evaluate(), Is.EqualTo(new HealthVerdict(false, false)));

        connection.Update(true, 2, 0, 0, null);
        btc.Update(BookSyncState.InSync, 0);
        Assert.That(board.Evaluate(), Is.EqualTo(new HealthVerdict(false, false)), "one book still awaiting its snapshot");

        eth.Update(BookSyncState.InSync, 0);
        Assert.That(board.Evaluate(), Is.EqualTo(new HealthVerdict(true, true)));

        eth.Update(BookSyncState.Resyncing, 1);
        var (verdict, json) = Write(board);
        Assert.That(verdict, Is.EqualTo(new HealthVerdict(false, true)));
        Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("unhealthy"));
        Assert.That(json.RootElement.GetProperty("books")[1].GetProperty("state").GetString(), Is.EqualTo("resyncing"));
    }

    [Test]
    public void Kill_switch_and_breaker_halt_make_it_unhealthy()
    {
        var board = Healthy();
        var killSwitch = new KillSwitch();
        board.Risk = new RiskHealth(killSwitch);
        Assert.That(board.Evaluate().Healthy, Is.True);

        killSwitch.Engage();
        var (verdict, json) = Write(board);
        Assert.That(verdict.Healthy, Is.False);
        var risk = json.RootElement.GetProperty("risk");
        Assert.That(risk.GetProperty("halted").GetBoolean(), Is.True);
        Assert.That(risk.GetProperty("killSwitch").GetBoolean(), Is.True);

        killSwitch.Release();
        board.Risk.Update(TradingMode.Halt);
        (verdict, json) = Write(board);
        Assert.That(verdict.Healthy, Is.False);
        Assert.That(json.RootElement.GetProperty("risk").GetProperty("mode").GetString(), Is.EqualTo("halt"));
    }

    [Test]
    public void Ipc_section_reports_publishers_and_a_dead_one_is_unhealthy()
    {
        var board = Healthy();
        var ipc = new SwitchableIpc();
        board.Ipc = ipc;
        var (verdict, json) = Write(board);
        Assert.That(verdict.Healthy, Is.True);
        var publisher = json.RootElement.GetProperty("ipc").GetProperty("publishers")[0];
        Assert.That(publisher.GetProperty("stream").GetString(), Is.EqualTo("md"));
        Assert.That(publisher.GetProperty("backPressured").GetBoolean(), Is.True);
        Assert.That(publisher.GetProperty("slowestSubscriberPosition").GetInt64(), Is.EqualTo(512));

        ipc.Alive = false;
        Assert.That(board.Evaluate().Healthy, Is.False);
    }

    [Test]
    public void No_message_yet_is_written_as_null()
    {
        var board = new HealthBoard();
        board.AddConnection("bitfinex");

        var (_, json) = Write(board);

        var connection = json.RootElement.GetProperty("connections")[0];
        Assert.That(connection.GetProperty("lastMessageAgeSeconds").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(connection.GetProperty("connected").GetBoolean(), Is.False);
    }

    private static HealthBoard Healthy()
    {
        var board = new HealthBoard();
        board.AddConnection("bitfinex").Update(true, 1, 0, MonotonicClock.Now(), null);
        board.AddBook("bitfinex", "tBTCUSD").Update(BookSyncState.InSync, 0);
        return board;
    }

    private static (HealthVerdict Verdict, JsonDocument Json) Write(HealthBoard board)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var verdict = board.WriteJson(buffer);
        return (verdict, JsonDocument.Parse(buffer.WrittenMemory));
    }

    private sealed class SwitchableIpc : IIpcStatusSource
    {
        public bool Alive { get; set; } = true;

        public IReadOnlyList<IpcPublisherStatus> ReadPublishers() => [new("md", Alive, 0.1, 1024, 1024, 512)];
    }
}
