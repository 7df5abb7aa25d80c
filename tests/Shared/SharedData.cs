namespace Velox.Testing;

/// <summary>
/// Locates the recordings under ../shared/data/exchanges (beside the repository clone).
/// VELOX_SHARED_DIR overrides the location. Tests call RequireShared.File, which marks the test
/// Inconclusive with the reason when the data is absent.
/// </summary>
public static class SharedData
{
    /// <summary>Full path of a file under shared/data/exchanges, or null with the reason when missing.</summary>
    public static string? TryFind(string relativePath, out string reason)
    {
        if (Root is null)
        {
            reason = "shared data folder not found: expected ../shared/data/exchanges beside the repository (or set VELOX_SHARED_DIR)";
            return null;
        }

        var path = Path.Combine(Root, relativePath);
        if (!File.Exists(path))
        {
            reason = $"shared recording missing: {path}";
            return null;
        }

        reason = string.Empty;
        return path;
    }

    public static string? Root { get; } = FindRoot();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Velox.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("VELOX_SHARED_DIR");
        if (!string.IsNullOrEmpty(env))
        {
            var fromEnv = Path.Combine(env, "data", "exchanges");
            return Directory.Exists(fromEnv) ? fromEnv : null;
        }

        var candidate = Path.GetFullPath(Path.Combine(FindRepositoryRoot(), "..", "shared", "data", "exchanges"));
        return Directory.Exists(candidate) ? candidate : null;
    }
}
