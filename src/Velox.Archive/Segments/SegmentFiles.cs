using System.Globalization;

namespace Velox.Archive.Segments;

/// <summary>
/// Naming and position arithmetic of segment files (Aeron Archive's scheme): a recording's segments are
/// "&lt;recordingId&gt;-&lt;basePosition&gt;.rec" (".rec.gz" once compressed). Segment boundaries are counted from the
/// start of the term holding the start position and the segment length is a multiple of the term length,
/// so a term — and therefore every frame — lies wholly inside one segment at file offset position − base.
/// </summary>
public static class SegmentFiles
{
    public const string Extension = ".rec";

    public const string CompressedExtension = ".rec.gz";

    /// <summary>Timestamp index of a recording (see <see cref="TimestampIndexLayout"/>).</summary>
    public const string TimesExtension = ".times";

    /// <summary>Base position of the segment holding <paramref name="position"/>.</summary>
    public static long BasePosition(long startPosition, long position, int termLength, int segmentLength)
    {
        var startTermBase = startPosition - (startPosition & (termLength - 1));
        return startTermBase + ((position - startTermBase) / segmentLength * segmentLength);
    }

    /// <summary>Uncompressed segment file name.</summary>
    public static string Name(long recordingId, long basePosition) =>
        string.Create(CultureInfo.InvariantCulture, $"{recordingId}-{basePosition}{Extension}");

    /// <summary>Timestamp index file name.</summary>
    public static string TimesName(long recordingId) => string.Create(CultureInfo.InvariantCulture, $"{recordingId}{TimesExtension}");

    /// <summary>The recording's segment files (compressed or not) in the directory, for listings (cold path).</summary>
    public static string[] Find(string directory, long recordingId) =>
        Directory.GetFiles(directory, string.Create(CultureInfo.InvariantCulture, $"{recordingId}-*{Extension}*"));
}
