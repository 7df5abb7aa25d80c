using Velox.Logging.Ring;

namespace Velox.Logging.Formatting;

/// <summary>
/// Turns records and messages into JSON lines:
/// <c>{"ts":"…Z","level":"info","component":"oms","event":"order.sent","fields":{…}}</c> plus a newline.
/// Record lines reuse the definition's prepared name bytes and allocate nothing.
/// </summary>
internal sealed class LogLineFormatter
{
    private readonly LogCatalog _catalog;
    private readonly long _epochOffsetNanos;

    /// <param name="catalog">Definitions the records refer to.</param>
    /// <param name="epochOffsetNanos">Unix-epoch nanoseconds minus clock nanoseconds, to print clock times as UTC.</param>
    public LogLineFormatter(LogCatalog catalog, long epochOffsetNanos)
    {
        _catalog = catalog;
        _epochOffsetNanos = epochOffsetNanos;
    }

    public void Format(in LogRecord record, Utf8Line line)
    {
        line.Clear();
        var definition = _catalog.EventAt(record.EventId);
        if (definition is null)
        {
            FormatUnknown(in record, line);
            return;
        }

        Start(line, record.Timestamp, definition.Level, _catalog.ComponentNameJson(definition.Component.Id), definition.NameJson);
        var fields = definition.FieldArray;
        var keys = definition.FieldKeysJson;
        var count = Math.Min(record.FieldCount, fields.Length);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                line.Append((byte)',');
            }

            line.Append(keys[i]);
            var field = fields[i];
            var value = record.Values[i];
            switch (field.Kind)
            {
                case LogFieldKind.Decimal:
                    line.AppendDecimal(value, field.Scale);
                    break;
                case LogFieldKind.Bool:
                    line.AppendBool(value != 0);
                    break;
                case LogFieldKind.Time:
                    line.AppendIsoTime(value + _epochOffsetNanos);
                    break;
                case LogFieldKind.Text:
                    AppendText(line, value);
                    break;
                default:
                    line.AppendLong(value);
                    break;
            }
        }

        line.Append("}}\n"u8);
    }

    public void Format(LogMessage message, Utf8Line line)
    {
        line.Clear();
        Start(line, message.Timestamp, message.Level, _catalog.ComponentNameJson(message.Component.Id), null);
        line.AppendQuoted(message.Event);
        line.Append(",\"fields\":{\"msg\":"u8);
        line.AppendQuoted(message.Text);
        line.Append("}}\n"u8);
    }

    /// <summary>Writes everything up to and including <c>"fields":{</c> (or up to the event value when <paramref name="eventJson"/> is null).</summary>
    private void Start(Utf8Line line, long timestamp, LogLevel level, byte[] componentJson, byte[]? eventJson)
    {
        line.Append("{\"ts\":"u8);
        line.AppendIsoTime(timestamp + _epochOffsetNanos);
        line.Append(",\"level\":\""u8);
        line.Append(LogLevelText.Utf8(level));
        line.Append("\",\"component\":"u8);
        line.Append(componentJson);
        line.Append(",\"event\":"u8);
        if (eventJson is not null)
        {
            line.Append(eventJson);
            line.Append(",\"fields\":{"u8);
        }
    }

    private void AppendText(Utf8Line line, long id)
    {
        var text = _catalog.TextAt(id);
        if (text is null)
        {
            // Only a value that was never a LogText gets here; print it visibly rather than guess.
            line.Append("\"#unregistered:"u8);
            line.AppendLong(id);
            line.Append((byte)'"');
        }
        else
        {
            line.Append(text);
        }
    }

    private void FormatUnknown(in LogRecord record, Utf8Line line)
    {
        Start(line, record.Timestamp, LogLevel.Error, _catalog.ComponentNameJson(0), null);
        line.Append("\"log.unknown_event\",\"fields\":{\"id\":"u8);
        line.AppendLong(record.EventId);
        line.Append("}}\n"u8);
    }
}
