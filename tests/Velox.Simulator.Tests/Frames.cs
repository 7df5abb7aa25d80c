using System.Text.Json;

namespace Velox.Simulator.Tests;

/// <summary>Tiny test-side reading of frames.</summary>
public static class Frames
{
    public static JsonElement Parse(string frame) => JsonDocument.Parse(frame).RootElement;

    public static bool IsEvent(string frame) => frame.StartsWith('{');

    public static bool IsChannel(string frame, int chanId) => frame.StartsWith($"[{chanId},", StringComparison.Ordinal);

    public static string? EventName(string frame) =>
        IsEvent(frame) && Parse(frame).TryGetProperty("event", out var e) ? e.GetString() : null;

    /// <summary>The sequence number of a channel frame sent with SEQ_ALL (and no TIMESTAMP).</summary>
    public static long Seq(string frame)
    {
        var root = Parse(frame);
        return root[root.GetArrayLength() - 1].GetInt64();
    }

    public static int ChanIdOf(string subscribedFrame) => Parse(subscribedFrame).GetProperty("chanId").GetInt32();

    public static bool IsValidJson(string frame)
    {
        try
        {
            using var _ = JsonDocument.Parse(frame);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
