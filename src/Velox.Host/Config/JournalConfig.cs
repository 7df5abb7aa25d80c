namespace Velox.Host.Config;

/// <summary>Section "journal": the audit journal of orders and reports.</summary>
public sealed class JournalConfig
{
    public string Path { get; init; } = "journal/velox.journal";
}
