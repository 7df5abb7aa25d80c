namespace Velox.Host.Doctor;

/// <summary>
/// Read-only access to /proc, /sys and /etc under a root folder: "/" on a live machine, a temp folder
/// holding a fake tree in tests. Missing or unreadable files are reported as absent, never thrown.
/// </summary>
public sealed class SystemView
{
    private readonly string _root;

    /// <summary>Creates a view whose absolute paths resolve under <paramref name="root"/>.</summary>
    public SystemView(string root) => _root = root.TrimEnd('/');

    /// <summary>The running machine.</summary>
    public static SystemView Live { get; } = new("/");

    /// <summary>File text with whitespace runs (spaces, tabs, newlines) collapsed to one space and trimmed.</summary>
    public bool TryRead(string absolutePath, out string text)
    {
        if (!TryReadRaw(absolutePath, out var raw))
        {
            text = string.Empty;
            return false;
        }

        text = string.Join(' ', raw.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return true;
    }

    /// <summary>File text as stored.</summary>
    public bool TryReadRaw(string absolutePath, out string text)
    {
        try
        {
            text = File.ReadAllText(PathOf(absolutePath));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            text = string.Empty;
            return false;
        }
    }

    /// <summary>Names of the subfolders of a folder whose names start with a digit, in ordinal order.</summary>
    public IReadOnlyList<string> NumberedEntries(string absolutePath)
    {
        try
        {
            var names = Directory.GetDirectories(PathOf(absolutePath))
                .Select(Path.GetFileName)
                .Where(name => name is { Length: > 0 } && char.IsAsciiDigit(name[0]))
                .Select(name => name!)
                .ToList();
            names.Sort(StringComparer.Ordinal);
            return names;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private string PathOf(string absolutePath) => _root + absolutePath;
}
