using Velox.Host.Cli;
using Velox.Host.Commands;

namespace Velox.Integration.Tests.Operations;

/// <summary>A temporary folder for `velox run --config` files, and resolving run options from them like the command does.</summary>
internal sealed class RunConfigFiles : IDisposable
{
    private static readonly string[] Flags = ["help"];
    private static readonly string[] Valued =
        ["duration", "rate", "len", "seed", "faults", "fault-every", "port", "topology", "record", "admin", "config", "log-level"];

    public RunConfigFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"velox-runconfig-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public static IReadOnlyDictionary<string, string> NoEnvironment { get; } = new Dictionary<string, string>();

    public string Write(string json, string name = "velox.json")
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Resolves the options `velox run ARGS` would run with under <paramref name="environment"/>; null with the errors on failure.</summary>
    public static RunOptions? Resolve(string[] args, IReadOnlyDictionary<string, string> environment, out string errors)
    {
        Assert.That(CliArguments.TryParse(args, 0, Flags, Valued, out var cli, out var problem), Is.True, problem);
        var options = new RunOptions
        {
            Seed = cli.Get("seed") is { } seed ? int.Parse(seed) : 1,
            EventsPerSecond = cli.Get("rate") is { } rate ? int.Parse(rate) : 2000,
            Port = cli.Get("port") is { } port ? int.Parse(port) : 0,
            BookLength = cli.Get("len") is { } len ? int.Parse(len) : 25,
            Admin = cli.Get("admin") is { } admin && Velox.Admin.Server.AdminEndpoint.TryParse(admin, out var endpoint, out _) ? endpoint : null,
        };
        using var error = new StringWriter();
        var ok = RunConfiguration.TryResolve(cli, options, new RunConfigSource(cli.Get("config"), environment, 4), error, out var resolved);
        errors = error.ToString();
        return ok ? resolved : null;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A log file still open elsewhere: the temp folder is cleaned up by the system.
        }
    }
}
