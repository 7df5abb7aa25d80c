using System.Text.Json;
using Velox.Testing;

namespace Velox.PeerBench.Tests;

/// <summary>The ratio floors committed in perf/gates.json (see the comment there for why they are low).</summary>
public static class PeerGates
{
    private static readonly Lazy<JsonElement> Gates = new(Load);

    public static double VeloxOverNaiveDotnetLoopbackMin => Gates.Value.GetProperty("veloxOverNaiveDotnetLoopbackMin").GetDouble();

    public static double VeloxOverCcxtReplayMin => Gates.Value.GetProperty("veloxOverCcxtReplayMin").GetDouble();

    private static JsonElement Load()
    {
        var path = Path.Combine(SharedData.RepositoryRoot, "perf", "gates.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("peerBench").Clone();
    }
}
