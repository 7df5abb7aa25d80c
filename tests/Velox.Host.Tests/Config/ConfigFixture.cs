using Velox.Host.Config;

namespace Velox.Host.Tests.Config;

/// <summary>A temporary folder for config and credentials files, and loading helpers over it.</summary>
internal sealed class ConfigFixture : IDisposable
{
    public const int Cpus = 4;

    public ConfigFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"velox-config-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public static IReadOnlyDictionary<string, string> NoEnvironment { get; } = new Dictionary<string, string>();

    /// <summary>Writes <paramref name="json"/> to a file in the folder and returns its path.</summary>
    public string Write(string json, string name = "velox.json")
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Loads <paramref name="json"/> as the config file with the given environment, on a 4-CPU machine.</summary>
    public ConfigLoadResult Load(string json, IReadOnlyDictionary<string, string>? environment = null, int cpus = Cpus) =>
        VeloxConfigLoader.Load(Write(json), environment ?? NoEnvironment, cpus);

    public static IReadOnlyDictionary<string, string> Env(params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string>();
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>Expected values as an array (an argument list, so no constant array is allocated per call site).</summary>
    public static T[] List<T>(params T[] items) => items;

    /// <summary>The error texts, one per line, for assertion messages.</summary>
    public static string Describe(ConfigLoadResult result) => string.Join("\n", result.Errors);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
