using System.Diagnostics;
using System.Runtime.CompilerServices;
using Velox.Archive.Catalog;
using Velox.Archive.Segments;
using Velox.Ipc.Agents;
using Velox.Ipc.Subscriptions;

namespace Velox.Archive.Recording;

/// <summary>
/// Records one subscription's image into segment files and a catalog record, as an agent. Each duty cycle
/// block-polls the log and writes the raw frames at their stream position; the catalog's stop position is
/// advanced every <see cref="ArchiveRecorderOptions.CatalogUpdateInterval"/> and when the recording stops
/// (end of stream, the image going away, or <see cref="Stop"/>). The steady-state path does not allocate.
/// </summary>
public sealed class ArchiveRecorder : IAgent, IDisposable
{
    private readonly ArchiveCatalog _catalog;
    private readonly Subscription _subscription;
    private readonly ArchiveRecorderOptions _options;
    private readonly SegmentCompressor? _compressor;
    private readonly long _updateIntervalTicks;
    private Image? _image;
    private SegmentWriter? _writer;
    private RecordingDescriptor _descriptor;
    private long _nextUpdateTicks;

    /// <summary>A recorder of the subscription's stream into the catalog's directory.</summary>
    public ArchiveRecorder(ArchiveCatalog catalog, Subscription subscription, ArchiveRecorderOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _catalog = catalog;
        _subscription = subscription;
        _options = options;
        _compressor = options.Compress ? new SegmentCompressor() : null;
        _updateIntervalTicks = (long)(options.CatalogUpdateInterval.TotalSeconds * Stopwatch.Frequency);
        RecordingId = -1;
    }

    /// <inheritdoc/>
    public string RoleName => "archiver";

    public RecorderStatus Status { get; private set; }

    /// <summary>Catalog id of the recording, −1 before it starts.</summary>
    public long RecordingId { get; private set; }

    /// <summary>Stream position recorded up to.</summary>
    public long Position => _image?.Position ?? _descriptor.StopPosition;

    /// <summary>The catalog record as last written.</summary>
    public RecordingDescriptor Descriptor => _descriptor;

    /// <summary>Segment files written so far.</summary>
    public int SegmentCount => _writer?.SegmentCount ?? 0;

    /// <inheritdoc/>
    public void OnStart()
    {
    }

    /// <inheritdoc/>
    public int DoWork()
    {
        switch (Status)
        {
            case RecorderStatus.Recording:
                var handler = new RecordingBlockHandler(_writer!);
                var bytes = _subscription.BlockPoll(ref handler, _options.BlockLengthLimit);
                if (bytes == 0 && CheckEnd())
                {
                    // Stop() closed the segment and wrote the final catalog record.
                    return 0;
                }

                var now = Stopwatch.GetTimestamp();
                if (now >= _nextUpdateTicks)
                {
                    _nextUpdateTicks = now + _updateIntervalTicks;
                    UpdateCatalog(RecordingState.Recording);
                }

                return bytes;
            case RecorderStatus.AwaitingImage:
                return TryBegin();
            default:
                return 0;
        }
    }

    /// <summary>Finishes the recording: final catalog record, last segment closed (and compressed when configured).</summary>
    public void Stop()
    {
        if (Status != RecorderStatus.Recording)
        {
            Status = RecorderStatus.Stopped;
            return;
        }

        Status = RecorderStatus.Stopped;
        _writer!.Dispose();
        _compressor?.WaitAll();
        UpdateCatalog(RecordingState.Stopped);
        _image = null;
    }

    /// <inheritdoc/>
    public void OnClose() => Stop();

    public void Dispose() => Stop();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int TryBegin()
    {
        var image = _subscription.Image;
        if (image is null)
        {
            // Without an image the poll consumes nothing: it only runs the subscriber duties that join one.
            var none = default(NoBlocks);
            _subscription.BlockPoll(ref none, _options.BlockLengthLimit);
            return 0;
        }

        var log = image.Log;
        var start = image.Position;
        var now = EpochTime.NowNanos();
        _descriptor = new RecordingDescriptor(
            0,
            RecordingState.Recording,
            log.StreamId,
            log.SessionId,
            log.InitialTermId,
            log.TermLength,
            log.Mtu,
            Math.Max(_options.SegmentLength, log.TermLength),
            start,
            start,
            now,
            now,
            _options.Compress);
        RecordingId = _catalog.Add(_descriptor);
        _descriptor = _descriptor with { RecordingId = RecordingId };
        _writer = new SegmentWriter(_catalog.Directory, RecordingId, start, log.TermLength, _descriptor.SegmentFileLength, _compressor);
        _image = image;
        _nextUpdateTicks = Stopwatch.GetTimestamp() + _updateIntervalTicks;
        Status = RecorderStatus.Recording;
        return 1;
    }

    /// <summary>Stops the recording when the stream ended or the image changed; true when it did.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool CheckEnd()
    {
        var ended = _subscription.Status is SubscriptionStatus.EndOfStream or SubscriptionStatus.Dropped;
        if (ended || !ReferenceEquals(_subscription.Image, _image))
        {
            Stop();
            return true;
        }

        return false;
    }

    private void UpdateCatalog(RecordingState state)
    {
        _writer!.Flush();
        _descriptor = _descriptor with { State = state, StopPosition = _image!.Position, StopTimeNanos = EpochTime.NowNanos() };
        _catalog.Update(in _descriptor);
    }

    private readonly struct NoBlocks : IBlockHandler
    {
        public void OnBlock(ReadOnlySpan<byte> block, long position)
        {
        }
    }
}
