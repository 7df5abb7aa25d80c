namespace Velox.Host.Topology;

/// <summary>How to start another velox process: the program and the arguments that precede the command.</summary>
public sealed record VeloxExecutable(string FileName, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>
    /// This process's own binary. Under Native AOT that is the velox executable; under the JIT it is the dotnet host,
    /// which needs the entry assembly (velox.dll) as its first argument.
    /// </summary>
    public static VeloxExecutable Current()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running executable is unknown");
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? new VeloxExecutable(path, [Path.Combine(AppContext.BaseDirectory, "velox.dll")])
            : new VeloxExecutable(path, []);
    }
}
