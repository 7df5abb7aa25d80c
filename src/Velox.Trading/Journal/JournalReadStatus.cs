namespace Velox.Trading.Journal;

/// <summary>Result of reading the next journal record.</summary>
public enum JournalReadStatus : byte
{
    /// <summary>A valid record was read.</summary>
    Record = 0,

    /// <summary>Clean end: the journal ends on a record boundary.</summary>
    End,

    /// <summary>The file ends inside a record (crash during a write); everything before it is valid.</summary>
    TornRecord,

    /// <summary>A whole record with a bad magic, CRC or sequence; reading stops here.</summary>
    CorruptRecord,

    /// <summary>The file header is missing or invalid.</summary>
    BadHeader,
}
