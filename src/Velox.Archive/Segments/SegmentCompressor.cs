using ICSharpCode.SharpZipLib.GZip;

namespace Velox.Archive.Segments;

/// <summary>
/// Gzips closed segments off the recorder's thread. The compressed file is written under a temporary name
/// and renamed into place before the original is deleted, so a reader always finds one complete form.
/// </summary>
internal sealed class SegmentCompressor
{
    private readonly List<Task> _pending = [];

    /// <summary>Queues a closed segment for compression.</summary>
    public void Enqueue(string segmentPath) => _pending.Add(Task.Run(() => Compress(segmentPath)));

    /// <summary>Waits for every queued compression; rethrows the first failure.</summary>
    public void WaitAll()
    {
        Task.WaitAll([.. _pending]);
        _pending.Clear();
    }

    /// <summary>Compresses one segment file into "&lt;name&gt;.gz" and deletes the original.</summary>
    public static void Compress(string segmentPath)
    {
        var target = segmentPath + ".gz";
        var temp = target + ".tmp";
        using (var input = File.OpenRead(segmentPath))
        using (var output = new GZipOutputStream(File.Create(temp)))
        {
            output.SetLevel(1);
            input.CopyTo(output);
        }

        File.Move(temp, target, overwrite: true);
        File.Delete(segmentPath);
    }
}
