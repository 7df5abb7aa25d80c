using System.Diagnostics.CodeAnalysis;
using Velox.Core.Time;
using Velox.Trading.Journal;

namespace Velox.Host.Trading;

/// <summary>Opens a trading run's audit journal (its folder created when missing); a clear error instead of an exception.</summary>
public static class TradingJournal
{
    /// <summary>Records buffered between writes to the file.</summary>
    public const int BufferRecords = 4096;

    /// <summary>Creates the new journal file <paramref name="path"/>; false with <paramref name="error"/> naming it and the cause.</summary>
    public static bool TryCreate(string path, IClock clock, IWallClock wall, [NotNullWhen(true)] out JournalWriter? journal, out string error)
    {
        journal = null;
        error = string.Empty;
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            journal = JournalWriter.Create(path, BufferRecords, clock, wall);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot create the journal '{path}': {e.Message}";
            return false;
        }
    }
}
