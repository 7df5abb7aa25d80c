namespace Velox.Logging;

/// <summary>An interned string (from <see cref="LogCatalog.Text"/>); pass <see cref="Value"/> for a <see cref="LogFieldKind.Text"/> field.</summary>
public readonly record struct LogText(int Id)
{
    /// <summary>The 8-byte field value that prints this string.</summary>
    public long Value => Id;
}
