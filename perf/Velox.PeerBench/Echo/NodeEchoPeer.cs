using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Velox.Core.Metrics;
using Velox.PeerBench.Peers;

namespace Velox.PeerBench.Echo;

/// <summary>The node `ws` peer (perf/peers/ws-echo/echo.mjs): an echo server process, and a client that reports its RTT samples.</summary>
public sealed class NodeEchoPeer : IDisposable
{
    private readonly Process _server;

    private NodeEchoPeer(Process server, int port)
    {
        _server = server;
        Url = new Uri($"ws://127.0.0.1:{port}/");
    }

    public Uri Url { get; }

    /// <summary>Starts `node echo.mjs server` and waits for the port it prints.</summary>
    public static NodeEchoPeer StartServer(string folder)
    {
        var process = NodeProcess.Start(folder, "echo.mjs", "server");
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("ws echo server printed no port: " + process.StandardError.ReadToEnd());
        using var document = JsonDocument.Parse(line);
        return new NodeEchoPeer(process, document.RootElement.GetProperty("port").GetInt32());
    }

    /// <summary>Runs `node echo.mjs client` against <paramref name="url"/>; its samples go into a histogram.</summary>
    public static LatencyHistogram RunClient(string folder, Uri url, EchoOptions options)
    {
        var line = NodeProcess.RunToEnd(
            folder,
            "echo.mjs",
            TimeSpan.FromMinutes(5),
            "client",
            "--url", url.ToString(),
            "--count", options.Count.ToString(CultureInfo.InvariantCulture),
            "--warmup", options.Warmup.ToString(CultureInfo.InvariantCulture),
            "--size", options.PayloadBytes.ToString(CultureInfo.InvariantCulture));
        using var document = JsonDocument.Parse(line);
        var histogram = new LatencyHistogram();
        foreach (var sample in document.RootElement.GetProperty("samplesNs").EnumerateArray())
        {
            histogram.Record(sample.GetInt64());
        }

        return histogram;
    }

    public void Dispose()
    {
        // Closing stdin ends the server (it exits on 'end'); kill it only if it lingers.
        _server.StandardInput.Close();
        if (!_server.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            _server.Kill();
        }

        _server.Dispose();
    }
}
