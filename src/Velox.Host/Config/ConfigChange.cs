namespace Velox.Host.Config;

/// <summary>One field that differs between two configurations; secret values are shown as "***".</summary>
public sealed record ConfigChange(string Path, string OldValue, string NewValue, bool Reloadable)
{
    public override string ToString() => $"{Path}: {OldValue} -> {NewValue}{(Reloadable ? string.Empty : " (needs a restart)")}";
}
