using Velox.Host.Cli;
using Velox.Host.Config;
using Velox.Host.Logging;

namespace Velox.Host.Topology;

/// <summary>
/// `--config FILE` for the agent commands (`velox md`, `velox engine`, `velox archive record`), as the systemd
/// units start them: the file plus VELOX_ environment overrides, validated as a whole. Flags given on the
/// command line win over it.
/// </summary>
public static class AgentConfig
{
    /// <summary>
    /// Loads the file named by --config (null config when absent); false after printing every problem as
    /// "<paramref name="command"/>: config: path: message" to <paramref name="error"/>.
    /// </summary>
    public static bool TryLoad(CliArguments cli, string command, TextWriter error, out VeloxConfig? config)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(error);
        config = null;
        if (cli.Get("config") is not { } path)
        {
            return true;
        }

        var loaded = VeloxConfigLoader.Load(path, VeloxConfigLoader.ProcessEnvironment(), VeloxConfigLoader.MachineCpuCount());
        if (!loaded.IsValid)
        {
            foreach (var problem in loaded.Errors)
            {
                error.WriteLine($"{command}: config: {problem.Path}: {problem.Message}");
            }

            error.WriteLine($"{command}: {loaded.Errors.Count} configuration problem{(loaded.Errors.Count == 1 ? string.Empty : "s")} in {path}; nothing was started");
            return false;
        }

        config = loaded.Config;
        return true;
    }

    /// <summary>
    /// The structured log of an agent from the config's logging section (null log without a config); false after
    /// printing why when the log file cannot be opened. The writer is started.
    /// </summary>
    public static bool TryCreateLog(VeloxConfig? config, string command, TextWriter error, out RunLog? log)
    {
        ArgumentNullException.ThrowIfNull(error);
        log = null;
        if (config is null)
        {
            return true;
        }

        try
        {
            log = RunLog.Create(config.Logging);
            log.Start();
            return true;
        }
        catch (IOException e)
        {
            error.WriteLine($"{command}: logging.file: {e.Message}");
            return false;
        }
    }
}
