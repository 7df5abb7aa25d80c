namespace Velox.PeerBench.Echo;

/// <summary>
/// Small-message round trips over loopback, one pair after the other in the same run: raw TCP (the
/// floor), our client and server, the BCL client, and the node `ws` client and server when available.
/// </summary>
public static class EchoBench
{
    /// <summary>Runs every pair; <paramref name="wsEchoFolder"/> null skips the node pairs.</summary>
    public static List<RoundTripResult> Run(EchoOptions options, string? wsEchoFolder, Action<string> log)
    {
        var results = new List<RoundTripResult>();
        void Add(RoundTripResult result)
        {
            log($"  {result.Pair,-22} p50 {result.P50Nanos / 1000.0,8:N1} us  p99 {result.P99Nanos / 1000.0,8:N1} us  ({result.Samples:N0} round trips)");
            results.Add(result);
        }

        Add(TcpEcho.Run(options));
        using (var server = new VeloxEchoServer())
        {
            Add(RoundTripResult.From("velox-velox", "velox", "velox", EchoClients.Velox(server.Url, options)));
            Add(RoundTripResult.From("bcl-velox", "ClientWebSocket", "velox", EchoClients.Bcl(server.Url, options)));
            if (wsEchoFolder is not null)
            {
                Add(RoundTripResult.From("node-ws-velox", "node ws", "velox", NodeEchoPeer.RunClient(wsEchoFolder, server.Url, options)));
            }
        }

        if (wsEchoFolder is null)
        {
            return results;
        }

        using (var node = NodeEchoPeer.StartServer(wsEchoFolder))
        {
            Add(RoundTripResult.From("velox-node-ws", "velox", "node ws", EchoClients.Velox(node.Url, options)));
            Add(RoundTripResult.From("bcl-node-ws", "ClientWebSocket", "node ws", EchoClients.Bcl(node.Url, options)));
            Add(RoundTripResult.From("node-ws-node-ws", "node ws", "node ws", NodeEchoPeer.RunClient(wsEchoFolder, node.Url, options)));
        }

        return results;
    }
}
