using System.Globalization;
using System.Text;
using Velox.Core.Metrics;
using Velox.Core.Time;
using Velox.Venues.Bitfinex.Connection;

namespace Velox.Host.Trading;

/// <summary>
/// Where a tick-to-trade sample goes (`velox run --latency-breakdown`): stage timestamps of the decision that
/// produced the sample, taken on the md thread without allocation. A sample runs from the socket read's return
/// (t0) through the start of the read's last frame (the frames ahead of it in the same read), the strategy
/// being called (book updates are conflated per read, so the decision follows the read's last frame), the first
/// command reaching the sink, the first new order reaching the sink (cancels ahead of it in the decision), to
/// that order's bytes being handed to send().
/// </summary>
public sealed class LatencyBreakdown
{
    private readonly IFrameTiming _timing;
    private long _receive;
    private long _frameStart;
    private int _frameIndex;
    private long _feed;
    private long _firstCommand;
    private long _order;
    private long _sendNanosAtFeed;
    private long _sendNanosAtOrder;
    private int _commandsBeforeOrder;
    private bool _armedWaiting;
    private long _firstSampleAt;
    private readonly SlowSample[] _slowest = new SlowSample[SlowestKept];
    private int _slowestCount;

    /// <summary>How many of the slowest samples <see cref="Format"/> lists with their stages.</summary>
    public const int SlowestKept = 5;

    /// <summary>Collects through <paramref name="timing"/>, which it switches on.</summary>
    public LatencyBreakdown(IFrameTiming timing)
    {
        ArgumentNullException.ThrowIfNull(timing);
        _timing = timing;
        timing.TimeFrames = true;
    }

    /// <summary>Read return → the read's last frame starts: the frames ahead of it in the same read.</summary>
    public LatencyHistogram ReadBatchAhead { get; } = new();

    /// <summary>The read's last frame starts → the strategy is called (parse, sequence check, book apply or checksum).</summary>
    public LatencyHistogram ParseApply { get; } = new();

    /// <summary>Strategy called → its first command (cancel or new order) reaches the sink (strategy, risk, OMS, journal append).</summary>
    public LatencyHistogram Decide { get; } = new();

    /// <summary>First command → first new order reaches the sink (zero when the decision starts with the order).</summary>
    public LatencyHistogram CommandsBeforeOrder { get; } = new();

    /// <summary>Of <see cref="CommandsBeforeOrder"/>: time inside send() for messages sent before the order.</summary>
    public LatencyHistogram SendsBeforeOrder { get; } = new();

    /// <summary>First new order reaches the sink → its bytes handed to send() (encode, flush).</summary>
    public LatencyHistogram OrderToSend { get; } = new();

    /// <summary>The index of the read's last frame (frames ahead of the decision; a count, not ns).</summary>
    public LatencyHistogram FrameIndex { get; } = new();

    /// <summary>Tick-to-trade of samples whose read delivered one frame.</summary>
    public LatencyHistogram FirstInRead { get; } = new();

    /// <summary>Tick-to-trade of samples whose read delivered several frames.</summary>
    public LatencyHistogram LaterInRead { get; } = new();

    /// <summary>Busy-poll (<c>cpus.md</c>): tick-to-trade of samples decided while the md thread was spinning.</summary>
    public LatencyHistogram WhileSpinning { get; } = new();

    /// <summary>Busy-poll: tick-to-trade of samples decided while the md thread waited on its socket (its RT-throttling share).</summary>
    public LatencyHistogram WhileWaiting { get; } = new();

    /// <summary>Set by a busy-polling md thread: whether it is in its wait share now (null: not busy-polling).</summary>
    public bool? Waiting { get; set; }

    /// <summary>Commands (cancels) that reached the sink ahead of the decision's first order, summed over samples.</summary>
    public long CommandsAheadTotal { get; private set; }

    /// <summary>A decision on a frame received at <paramref name="receiveNanos"/> starts now.</summary>
    public void OnArm(long receiveNanos)
    {
        _receive = receiveNanos;
        _armedWaiting = Waiting == true;
        _frameStart = _timing.FrameStartNanos;
        _frameIndex = _timing.FrameIndexInRead;
        _sendNanosAtFeed = _timing.SendNanosTotal;
        _feed = MonotonicClock.Now();
        _firstCommand = 0;
        _commandsBeforeOrder = 0;
    }

    /// <summary>A command of the armed decision reaches the sink (before it is handed on).</summary>
    public void OnCommand(bool isNewOrder)
    {
        var now = MonotonicClock.Now();
        if (_firstCommand == 0)
        {
            _firstCommand = now;
        }

        if (isNewOrder)
        {
            _order = now;
            _sendNanosAtOrder = _timing.SendNanosTotal;
        }
        else
        {
            _commandsBeforeOrder++;
        }
    }

    /// <summary>The armed decision's first order went to send() at <paramref name="sentAt"/>.</summary>
    public void OnSample(long sentAt)
    {
        if (_frameStart < _receive || _firstCommand == 0)
        {
            return;
        }

        ReadBatchAhead.Record(_frameStart - _receive);
        ParseApply.Record(Math.Max(0, _feed - _frameStart));
        Decide.Record(_firstCommand - _feed);
        CommandsBeforeOrder.Record(_order - _firstCommand);
        SendsBeforeOrder.Record(_sendNanosAtOrder - _sendNanosAtFeed);
        OrderToSend.Record(Math.Max(0, sentAt - _order));
        FrameIndex.Record(_frameIndex);
        (_frameIndex == 0 ? FirstInRead : LaterInRead).Record(sentAt - _receive);
        CommandsAheadTotal += _commandsBeforeOrder;
        if (Waiting is not null)
        {
            (_armedWaiting ? WhileWaiting : WhileSpinning).Record(sentAt - _receive);
        }

        if (_firstSampleAt == 0)
        {
            _firstSampleAt = _receive;
        }

        KeepIfSlow(new SlowSample(
            ReadBatchAhead.Count, _receive - _firstSampleAt, sentAt - _receive, _frameStart - _receive, Math.Max(0, _feed - _frameStart),
            _firstCommand - _feed, _order - _firstCommand, Math.Max(0, sentAt - _order)));
    }

    /// <summary>The slowest samples so far, slowest first (read after the md thread stopped).</summary>
    public ReadOnlySpan<SlowSample> Slowest => _slowest.AsSpan(0, _slowestCount);

    private void KeepIfSlow(in SlowSample sample)
    {
        var at = _slowestCount;
        while (at > 0 && _slowest[at - 1].Total < sample.Total)
        {
            at--;
        }

        if (at == SlowestKept)
        {
            return;
        }

        var last = Math.Min(_slowestCount, SlowestKept - 1);
        Array.Copy(_slowest, at, _slowest, at + 1, last - at);
        _slowest[at] = sample;
        _slowestCount = Math.Min(_slowestCount + 1, SlowestKept);
    }

    /// <summary>Per-stage p50/p99 lines for the summary (read after the md thread stopped).</summary>
    public string Format()
    {
        var text = new StringBuilder();
        var samples = ReadBatchAhead.Count;
        text.Append(CultureInfo.InvariantCulture, $"  tick-to-trade breakdown over {samples:N0} samples (p50 / p99 µs; stages do not add up at the tails):");
        Line(text, "read return -> last frame of the read starts", ReadBatchAhead);
        Line(text, "last frame (parse, apply, checksum) -> strategy", ParseApply);
        Line(text, "strategy + risk + OMS + journal (1st command)", Decide);
        Line(text, "commands before the 1st order", CommandsBeforeOrder);
        Line(text, "  of which inside send()", SendsBeforeOrder);
        Line(text, "1st order at the sink -> send()", OrderToSend);
        Line(text, "total, read of one frame", FirstInRead);
        Line(text, "total, read of several frames", LaterInRead);
        if (Waiting is not null)
        {
            Line(text, "total, md thread spinning (busy-poll)", WhileSpinning);
            Line(text, "total, md thread waiting on its socket", WhileWaiting);
        }

        text.Append(CultureInfo.InvariantCulture, $"\n    frames per read before the deciding one p50 {FrameIndex.ValueAtPercentile(50)} p99 {FrameIndex.ValueAtPercentile(99)} max {FrameIndex.Max}; ");
        text.Append(CultureInfo.InvariantCulture, $"commands ahead of the 1st order {(samples == 0 ? 0 : (double)CommandsAheadTotal / samples):F2} per sample");
        text.Append(CultureInfo.InvariantCulture, $"\n    slowest samples (µs: total = ahead + parse/apply + decide + before order + order to send()):");
        foreach (var slow in Slowest)
        {
            text.Append(
                CultureInfo.InvariantCulture,
                $"\n      #{slow.Index:N0} at {slow.SinceFirstNanos / 1e9:F3} s: {slow.Total / 1000.0:F2} = {slow.Ahead / 1000.0:F2} + {slow.ParseApply / 1000.0:F2} + {slow.Decide / 1000.0:F2} + {slow.BeforeOrder / 1000.0:F2} + {slow.OrderToSend / 1000.0:F2}");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n    garbage collections in the process so far (each stops the md thread too): gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}");
        return text.ToString();
    }

    private static void Line(StringBuilder text, string name, LatencyHistogram histogram) => text.Append(
        CultureInfo.InvariantCulture,
        $"\n    {name,-48} {histogram.ValueAtPercentile(50) / 1000.0,8:F2} {histogram.ValueAtPercentile(99) / 1000.0,8:F2}  ({histogram.Count:N0})");
}
