using Velox.Host.Cli;

namespace Velox.Host.Config;

/// <summary>
/// `velox config check|show [--config FILE]`: validate the effective configuration (defaults + file + VELOX_
/// environment) or print it as JSON with secrets hidden. Exit 0 when valid, 2 with every problem otherwise.
/// </summary>
public static class ConfigCommand
{
    private const string Usage = """
        usage: velox config check [--config FILE]   validate; print "config ok" and where each set value comes from
               velox config show  [--config FILE]   print the effective configuration as JSON (secrets as "***")
          --config FILE  JSON configuration file (without it: built-in defaults)
        Environment overrides: VELOX_SECTION__FIELD_NAME (e.g. VELOX_RISK__MAX_POSITION=0.5 sets risk.maxPosition).
        Exit: 0 valid, 2 invalid (every problem is printed) or bad usage. Reads only; starts nothing.
        """;

    private static readonly string[] Flags = ["help"];
    private static readonly string[] Valued = ["config"];

    /// <summary>Runs the command; <paramref name="args"/> are the arguments after "velox config".</summary>
    public static int Run(string[] args) =>
        Run(args, VeloxConfigLoader.ProcessEnvironment(), VeloxConfigLoader.MachineCpuCount(), Console.Out, Console.Error);

    /// <summary>Runs the command with the given environment, CPU count and streams.</summary>
    public static int Run(string[] args, IReadOnlyDictionary<string, string> environment, int machineCpuCount, TextWriter output, TextWriter error)
    {
        if (args.Length > 0 && args[0] is "--help" or "-h" or "help")
        {
            output.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        if (args.Length == 0 || args[0] is not ("check" or "show"))
        {
            error.WriteLine(args.Length == 0 ? "velox config: missing subcommand" : $"velox config: unknown subcommand '{args[0]}'");
            error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        if (!CliArguments.TryParse(args, 1, Flags, Valued, out var cli, out var problem) || cli.Positionals.Count > 0)
        {
            error.WriteLine($"velox config {args[0]}: {(problem.Length > 0 ? problem : $"unexpected argument '{cli.Positionals[0]}'")}");
            error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        if (cli.Has("help"))
        {
            output.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        var path = cli.Get("config");
        var result = VeloxConfigLoader.Load(path, environment, machineCpuCount);
        if (!result.IsValid)
        {
            var count = result.Errors.Count;
            error.WriteLine($"velox config: {count} problem{(count == 1 ? string.Empty : "s")} in {path ?? "the defaults and environment"}; nothing was started:");
            foreach (var problemLine in result.Errors)
            {
                error.WriteLine($"  {problemLine}");
            }

            return ExitCodes.Usage;
        }

        if (args[0] == "show")
        {
            output.WriteLine(ConfigJson.Write(result.Config!, indented: true));
            return ExitCodes.Ok;
        }

        output.WriteLine($"config ok: {path ?? "built-in defaults"}{(result.Overrides.Count == 0 ? ", no overrides" : string.Empty)}");
        foreach (var setting in result.Overrides)
        {
            output.WriteLine($"  {setting}");
        }

        foreach (var credentials in result.Credentials.All)
        {
            output.WriteLine($"  credentials {credentials}");
        }

        return ExitCodes.Ok;
    }
}
