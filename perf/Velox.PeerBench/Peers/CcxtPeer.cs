using System.Globalization;
using System.Text.Json;
using Velox.PeerBench.Corpus;
using Velox.PeerBench.Replay;

namespace Velox.PeerBench.Peers;

/// <summary>ccxt.pro's bitfinex handler (perf/peers/ccxt/replay.mjs) over a corpus written to a temp file.</summary>
public static class CcxtPeer
{
    public static ThroughputResult Run(string peerFolder, FrameCorpus corpus, string workDir, TimeSpan budget, int warmupFrames = 200_000)
    {
        var file = Path.Combine(workDir, corpus.Name + ".frames");
        corpus.WriteLines(file);
        var line = NodeProcess.RunToEnd(
            peerFolder,
            "replay.mjs",
            TimeSpan.FromMinutes(10),
            "--corpus", file,
            "--name", corpus.Name,
            "--seconds", budget.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            "--warmup-frames", warmupFrames.ToString(CultureInfo.InvariantCulture));
        return Parse(line);
    }

    /// <summary>Reads the JSON line replay.mjs prints.</summary>
    public static ThroughputResult Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var tops = new List<TopOfBook>();
        foreach (var top in root.GetProperty("tops").EnumerateArray())
        {
            tops.Add(new TopOfBook(
                top.GetProperty("symbol").GetString()!,
                TopOfBook.Parse(top.GetProperty("bid").GetString()),
                TopOfBook.Parse(top.GetProperty("bidSize").GetString()),
                TopOfBook.Parse(top.GetProperty("ask").GetString()),
                TopOfBook.Parse(top.GetProperty("askSize").GetString())));
        }

        return new ThroughputResult
        {
            Pipeline = "ccxt",
            Scenario = root.GetProperty("scenario").GetString()!,
            Frames = root.GetProperty("frames").GetInt64(),
            Seconds = root.GetProperty("seconds").GetDouble(),
            Passes = root.GetProperty("passes").GetInt32(),
            ChecksumsVerified = root.GetProperty("checksumsVerified").GetInt64(),
            ChecksumMismatches = root.GetProperty("checksumMismatches").GetInt64(),
            Tops = tops,
            Notes = root.GetProperty("notes").GetString() ?? string.Empty,
        };
    }
}
