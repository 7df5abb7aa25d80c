using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using static Velox.Archive.Catalog.CatalogLayout;

namespace Velox.Archive.Catalog;

/// <summary>
/// The archive directory's catalog.dat. Records are appended under an advisory lock file (several recorder
/// processes may share a directory) and rewritten in place by their recorder with positional writes, so an
/// update never moves another record. Readers check each record's magic and CRC on its own.
/// </summary>
public sealed class ArchiveCatalog : IDisposable
{
    public const string FileName = "catalog.dat";

    private const int LockTimeoutMillis = 10_000;

    private readonly SafeFileHandle _file;
    private readonly List<string> _problems = [];

    private ArchiveCatalog(string directory, SafeFileHandle file)
    {
        Directory = directory;
        Path = System.IO.Path.Combine(directory, FileName);
        _file = file;
    }

    /// <summary>The archive directory (segments and timestamp indexes live next to the catalog).</summary>
    public string Directory { get; }

    public string Path { get; }

    /// <summary>Why records were skipped by the last <see cref="List"/> (each names the file and offset).</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Opens the catalog of an archive directory, creating both when absent; a bad file header throws <see cref="InvalidDataException"/>.</summary>
    public static ArchiveCatalog Open(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, FileName);
        using (AcquireLock(path))
        {
            var file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            try
            {
                Span<byte> header = stackalloc byte[HeaderLength];
                if (RandomAccess.GetLength(file) == 0)
                {
                    header.Clear();
                    BinaryPrimitives.WriteInt64LittleEndian(header[FileMagicOffset..], FileMagic);
                    BinaryPrimitives.WriteInt32LittleEndian(header[FileVersionOffset..], FileVersion);
                    BinaryPrimitives.WriteInt32LittleEndian(header[FileRecordLengthOffset..], RecordLength);
                    RandomAccess.Write(file, header, 0);
                }
                else if (RandomAccess.Read(file, header, 0) < HeaderLength ||
                    BinaryPrimitives.ReadInt64LittleEndian(header[FileMagicOffset..]) != FileMagic ||
                    BinaryPrimitives.ReadInt32LittleEndian(header[FileVersionOffset..]) != FileVersion ||
                    BinaryPrimitives.ReadInt32LittleEndian(header[FileRecordLengthOffset..]) != RecordLength)
                {
                    throw new InvalidDataException($"{path}: not a Velox archive catalog (bad header at offset 0)");
                }

                return new ArchiveCatalog(directory, file);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
    }

    /// <summary>Number of record slots (valid or not).</summary>
    public long Count => Math.Max(0, (RandomAccess.GetLength(_file) - HeaderLength) / RecordLength);

    /// <summary>The valid recordings in id order; invalid records are skipped and described in <see cref="Problems"/>.</summary>
    public IReadOnlyList<RecordingDescriptor> List()
    {
        _problems.Clear();
        var result = new List<RecordingDescriptor>();
        var count = Count;
        for (var id = 0L; id < count; id++)
        {
            if (TryGet(id, out var descriptor, out var error))
            {
                result.Add(descriptor);
            }
            else
            {
                _problems.Add(error);
            }
        }

        return result;
    }

    /// <summary>Reads one recording's record; false with an error naming the file and offset when it is missing or invalid.</summary>
    public bool TryGet(long recordingId, out RecordingDescriptor descriptor, out string error)
    {
        descriptor = default;
        var offset = RecordOffset(recordingId);
        if (recordingId < 0 || recordingId >= Count)
        {
            error = $"{Path}: no recording {recordingId} ({Count} recordings)";
            return false;
        }

        Span<byte> record = stackalloc byte[RecordLength];
        var read = RandomAccess.Read(_file, record, offset);
        if (!RecordingDescriptor.TryRead(record[..read], recordingId, out descriptor, out var reason))
        {
            error = $"{Path}: record {recordingId} at offset {offset}: {reason}";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>Appends a record for a new recording and returns its id (the descriptor's id is replaced).</summary>
    public long Add(RecordingDescriptor descriptor)
    {
        using (AcquireLock(Path))
        {
            var id = Count;
            Span<byte> record = stackalloc byte[RecordLength];
            (descriptor with { RecordingId = id }).WriteTo(record);
            RandomAccess.Write(_file, record, RecordOffset(id));
            return id;
        }
    }

    /// <summary>Rewrites a recording's record in place (one positional write, no allocation).</summary>
    public void Update(in RecordingDescriptor descriptor)
    {
        Span<byte> record = stackalloc byte[RecordLength];
        descriptor.WriteTo(record);
        RandomAccess.Write(_file, record, RecordOffset(descriptor.RecordingId));
    }

    public void Dispose() => _file.Dispose();

    private static FileStream AcquireLock(string catalogPath)
    {
        var deadline = Environment.TickCount64 + LockTimeoutMillis;
        while (true)
        {
            try
            {
                return new FileStream(catalogPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                Thread.Sleep(1);
            }
        }
    }
}
