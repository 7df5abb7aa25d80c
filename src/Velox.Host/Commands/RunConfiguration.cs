using System.Net;
using Velox.Admin.Server;
using Velox.Host.Cli;
using Velox.Host.Config;
using Velox.Logging;

namespace Velox.Host.Commands;

/// <summary>
/// Turns the validated configuration into `velox run` options. Precedence: an explicit command-line flag,
/// then the environment, then the file, then the defaults (the loader merges the last three). The simulator
/// section gives seed, rate, port and book length; the admin section serves the admin plane when a config
/// file was given and admin.enabled (`--admin` always wins; without --config the admin plane stays off
/// unless --admin); admin.killToken is the token POST /kill requires.
/// </summary>
public static class RunConfiguration
{
    /// <summary>
    /// Loads <paramref name="source"/> and applies it to <paramref name="options"/> (read from <paramref name="cli"/>);
    /// on a config or --log-level problem prints every error to <paramref name="error"/> and returns false.
    /// </summary>
    public static bool TryResolve(CliArguments cli, RunOptions options, RunConfigSource source, TextWriter error, out RunOptions resolved)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(error);
        resolved = options;
        LogLevelSpec? levels = null;
        if (cli.Get("log-level") is { } levelText)
        {
            if (!LogLevelSpec.TryParse(levelText, out var spec, out var levelError))
            {
                error.WriteLine($"velox run: --log-level: {levelError}");
                return false;
            }

            levels = spec;
        }

        var loaded = source.Load();
        var errors = new List<ConfigError>(loaded.Errors);
        if (loaded.Config is { } checkedConfig && cli.Get("len") is null && checkedConfig.Simulator.BookLength is not (1 or 25 or 100 or 250))
        {
            errors.Add(new ConfigError("simulator.bookLength", $"velox run needs 1, 25, 100 or 250 (Bitfinex book lengths), not {checkedConfig.Simulator.BookLength}"));
        }

        if (!loaded.IsValid || errors.Count > 0)
        {
            foreach (var problem in errors)
            {
                error.WriteLine($"velox run: config: {problem.Path}: {problem.Message}");
            }

            error.WriteLine($"velox run: {errors.Count} configuration problem{(errors.Count == 1 ? string.Empty : "s")} in {source.Path ?? "the defaults and environment"}; nothing was started");
            return false;
        }

        resolved = Apply(cli, options, loaded.Config!, source) with { LogLevels = levels };
        return true;
    }

    /// <summary>Applies a validated configuration to options read from the command line (flags given there win).</summary>
    public static RunOptions Apply(CliArguments cli, RunOptions options, VeloxConfig config, RunConfigSource source)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(config);
        var simulator = config.Simulator;
        var admin = options.Admin;
        if (admin is null && source.Path is not null && config.Admin.Enabled && !options.MultiProcess)
        {
            admin = new AdminEndpoint(IPAddress.Parse(config.Admin.Bind), config.Admin.Port);
        }

        return options with
        {
            Seed = cli.Get("seed") is null ? simulator.Seed : options.Seed,
            EventsPerSecond = cli.Get("rate") is null ? simulator.EventsPerSecond : options.EventsPerSecond,
            Port = cli.Get("port") is null ? simulator.Port : options.Port,
            BookLength = cli.Get("len") is null ? simulator.BookLength : options.BookLength,
            Admin = admin,
            AdminToken = admin is null ? null : config.Admin.KillToken,
            Config = config,
            ConfigSource = source,
        };
    }
}
