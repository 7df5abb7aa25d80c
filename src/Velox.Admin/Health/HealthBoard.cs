using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Velox.Core.Time;
using Velox.MarketData.Sync;
using Velox.Trading.Risk;

namespace Velox.Admin.Health;

/// <summary>
/// What /health and /ready report: the connections, books, risk state and (multi topology) IPC publishers
/// that components registered at start and keep publishing from their own threads. Evaluated and written
/// as JSON on the admin thread with <see cref="Utf8JsonWriter"/> (no reflection: AOT-safe).
/// </summary>
public sealed class HealthBoard
{
    private readonly object _lock = new();
    private readonly List<ConnectionHealth> _connections = [];
    private readonly List<BookHealth> _books = [];
    private readonly IClock _clock;
    private int _ready;

    public HealthBoard(IClock? clock = null) => _clock = clock ?? MonotonicClock.Instance;

    /// <summary>Risk state; null when the process does not trade (the section is omitted).</summary>
    public RiskHealth? Risk { get; set; }

    /// <summary>IPC publications; set only for the multi-process topology.</summary>
    public IIpcStatusSource? Ipc { get; set; }

    public ConnectionHealth AddConnection(string name)
    {
        var connection = new ConnectionHealth(name);
        lock (_lock)
        {
            _connections.Add(connection);
        }

        return connection;
    }

    public BookHealth AddBook(string venue, string symbol)
    {
        var book = new BookHealth(venue, symbol);
        lock (_lock)
        {
            _books.Add(book);
        }

        return book;
    }

    /// <summary>The registered connections (a copy).</summary>
    public IReadOnlyList<ConnectionHealth> Connections
    {
        get
        {
            lock (_lock)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>The registered books (a copy).</summary>
    public IReadOnlyList<BookHealth> Books
    {
        get
        {
            lock (_lock)
            {
                return [.. _books];
            }
        }
    }

    /// <summary>Computes health now and latches readiness.</summary>
    public HealthVerdict Evaluate()
    {
        lock (_lock)
        {
            return EvaluateLocked(Ipc?.ReadPublishers());
        }
    }

    /// <summary>Writes the /health document and returns the verdict it shows.</summary>
    public HealthVerdict WriteJson(IBufferWriter<byte> output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        lock (_lock)
        {
            var publishers = Ipc?.ReadPublishers();
            var verdict = EvaluateLocked(publishers);
            var now = _clock.NowNanos();
            json.WriteStartObject();
            json.WriteString("status", verdict.Healthy ? "ok" : "unhealthy");
            json.WriteBoolean("ready", verdict.Ready);
            json.WriteStartArray("connections");
            foreach (var connection in _connections)
            {
                WriteConnection(json, connection, now);
            }

            json.WriteEndArray();
            json.WriteStartArray("books");
            foreach (var book in _books)
            {
                json.WriteStartObject();
                json.WriteString("venue", book.Venue);
                json.WriteString("symbol", book.Symbol);
                json.WriteString("state", StateName(book.State));
                json.WriteBoolean("inSync", book.State == BookSyncState.InSync);
                json.WriteNumber("resyncs", book.Resyncs);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (Risk is { } risk)
            {
                json.WriteStartObject("risk");
                json.WriteBoolean("halted", risk.IsHalted);
                json.WriteBoolean("killSwitch", risk.KillSwitch.IsEngaged);
                json.WriteString("mode", risk.Mode switch
                {
                    TradingMode.Normal => "normal",
                    TradingMode.ReduceOnly => "reduce_only",
                    _ => "halt",
                });
                json.WriteEndObject();
            }

            if (publishers is not null)
            {
                json.WriteStartObject("ipc");
                json.WriteStartArray("publishers");
                foreach (var publisher in publishers)
                {
                    json.WriteStartObject();
                    json.WriteString("stream", publisher.Stream);
                    json.WriteBoolean("alive", publisher.Alive);
                    json.WriteNumber("heartbeatAgeSeconds", Math.Round(publisher.HeartbeatAgeSeconds, 3));
                    json.WriteNumber("position", publisher.PublisherPosition);
                    json.WriteNumber("limit", publisher.PublisherLimit);
                    json.WriteNumber("slowestSubscriberPosition", publisher.SlowestSubscriberPosition);
                    json.WriteBoolean("backPressured", publisher.BackPressured);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            return verdict;
        }
    }

    /// <summary>The JSON name of a book state.</summary>
    public static string StateName(BookSyncState state) => state switch
    {
        BookSyncState.AwaitingSnapshot => "awaiting_snapshot",
        BookSyncState.InSync => "in_sync",
        BookSyncState.Resyncing => "resyncing",
        _ => "paused",
    };

    private static void WriteConnection(Utf8JsonWriter json, ConnectionHealth connection, long now)
    {
        json.WriteStartObject();
        json.WriteString("name", connection.Name);
        json.WriteBoolean("connected", connection.Connected);
        json.WriteNumber("subscribedChannels", connection.SubscribedChannels);
        json.WriteNumber("reconnectAttempts", connection.ReconnectAttempts);
        var last = connection.LastMessageNanos;
        if (last == 0)
        {
            json.WriteNull("lastMessageTime");
            json.WriteNull("lastMessageAgeSeconds");
        }
        else
        {
            var age = Math.Max(0, now - last);
            json.WriteString("lastMessageTime", DateTime.UtcNow.AddTicks(-age / 100).ToString("O", CultureInfo.InvariantCulture));
            json.WriteNumber("lastMessageAgeSeconds", Math.Round(age / 1e9, 3));
        }

        if (connection.LastError is { } error)
        {
            json.WriteString("lastError", error);
        }

        json.WriteEndObject();
    }

    private HealthVerdict EvaluateLocked(IReadOnlyList<IpcPublisherStatus>? publishers)
    {
        var connected = _connections.Count > 0;
        foreach (var connection in _connections)
        {
            connected &= connection.Connected;
        }

        var inSync = true;
        var everInSync = true;
        foreach (var book in _books)
        {
            inSync &= book.State == BookSyncState.InSync;
            everInSync &= book.HasBeenInSync;
        }

        var ipcAlive = true;
        if (publishers is not null)
        {
            foreach (var publisher in publishers)
            {
                ipcAlive &= publisher.Alive;
            }
        }

        var halted = Risk?.IsHalted ?? false;
        if (connected && everInSync)
        {
            Volatile.Write(ref _ready, 1);
        }

        return new HealthVerdict(connected && inSync && ipcAlive && !halted, Volatile.Read(ref _ready) != 0);
    }
}
