using Velox.PeerBench;

return PeerBenchCommand.Run(args);
