using Velox.Ipc.Counters;
using Velox.Ipc.LogBuffers;
using static Velox.Ipc.LogBuffers.LogBufferDescriptor;

namespace Velox.Ipc.Tests.LogBuffers;

public class LogBufferDescriptorTests
{
    [Test]
    public void MetadataOffsetsMatchTheAeronLayout()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TermTailCountersOffset, Is.EqualTo(0));
            Assert.That(ActiveTermCountOffset, Is.EqualTo(24));
            Assert.That(EndOfStreamPositionOffset, Is.EqualTo(128));
            Assert.That(IsConnectedOffset, Is.EqualTo(136));
            Assert.That(CorrelationIdOffset, Is.EqualTo(256));
            Assert.That(InitialTermIdOffset, Is.EqualTo(264));
            Assert.That(DefaultFrameHeaderLengthOffset, Is.EqualTo(268));
            Assert.That(MtuLengthOffset, Is.EqualTo(272));
            Assert.That(TermLengthOffset, Is.EqualTo(276));
            Assert.That(PageSizeOffset, Is.EqualTo(280));
            Assert.That(DefaultFrameHeaderOffset, Is.EqualTo(320));
            Assert.That(MetadataLength, Is.EqualTo(4096));
        });
    }

    [Test]
    public void VeloxRegionStaysInUnusedMetadataSpaceWithHotFieldsOnOwnLines()
    {
        Assert.Multiple(() =>
        {
            Assert.That(VeloxLogHeader.MagicOffset, Is.GreaterThanOrEqualTo(512));
            Assert.That(VeloxLogHeader.ConsumerPositionOffset + 8, Is.LessThanOrEqualTo(MetadataLength));
            Assert.That(VeloxLogHeader.HeartbeatOffset % 64, Is.EqualTo(0));
            Assert.That(VeloxLogHeader.SubscriberGenerationOffset % 64, Is.EqualTo(0));
            Assert.That(VeloxLogHeader.CleanPositionOffset % 64, Is.EqualTo(0));
        });
    }

    [Test]
    public void DataHeaderOffsetsAndFlags()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DataHeader.Length, Is.EqualTo(32));
            Assert.That(DataHeader.FrameLengthOffset, Is.EqualTo(0));
            Assert.That(DataHeader.VersionOffset, Is.EqualTo(4));
            Assert.That(DataHeader.FlagsOffset, Is.EqualTo(5));
            Assert.That(DataHeader.TypeOffset, Is.EqualTo(6));
            Assert.That(DataHeader.TermOffsetOffset, Is.EqualTo(8));
            Assert.That(DataHeader.SessionIdOffset, Is.EqualTo(12));
            Assert.That(DataHeader.StreamIdOffset, Is.EqualTo(16));
            Assert.That(DataHeader.TermIdOffset, Is.EqualTo(20));
            Assert.That(DataHeader.ReservedValueOffset, Is.EqualTo(24));
            Assert.That(DataHeader.UnfragmentedFlags, Is.EqualTo(0xC0));
            Assert.That(DataHeader.TypePad, Is.EqualTo(0));
            Assert.That(DataHeader.TypeData, Is.EqualTo(1));
        });
    }

    [Test]
    public void CounterRecordOffsets()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CountersDescriptor.ValueRecordLength, Is.EqualTo(128));
            Assert.That(CountersDescriptor.RegistrationIdOffset, Is.EqualTo(8));
            Assert.That(CountersDescriptor.OwnerIdOffset, Is.EqualTo(16));
            Assert.That(CountersDescriptor.ReferenceIdOffset, Is.EqualTo(24));
            Assert.That(CountersDescriptor.MetadataRecordLength, Is.EqualTo(512));
            Assert.That(CountersDescriptor.TypeIdOffset, Is.EqualTo(4));
            Assert.That(CountersDescriptor.FreeForReuseDeadlineOffset, Is.EqualTo(8));
            Assert.That(CountersDescriptor.KeyOffset, Is.EqualTo(16));
            Assert.That(CountersDescriptor.LabelLengthOffset, Is.EqualTo(128));
            Assert.That(CountersDescriptor.LabelOffset, Is.EqualTo(132));
        });
    }

    [TestCase(0, 0)]
    [TestCase(1, 32)]
    [TestCase(32, 32)]
    [TestCase(33, 64)]
    [TestCase(1408, 1408)]
    public void AlignsFramesTo32Bytes(int length, int aligned) => Assert.That(DataHeader.Align(length), Is.EqualTo(aligned));

    [Test]
    public void LogLengthIsThreeTermsPlusMetadataPageAligned()
    {
        Assert.That(ComputeLogLength(64 * 1024), Is.EqualTo((3L * 64 * 1024) + 4096));
        Assert.That(ComputeLogLength(1 << 30), Is.EqualTo((3L << 30) + 4096));
    }

    [TestCase(64 * 1024, true)]
    [TestCase(1 << 30, true)]
    [TestCase(32 * 1024, false)]
    [TestCase(100_000, false)]
    public void ValidatesTermLength(int termLength, bool valid) => Assert.That(IsValidTermLength(termLength), Is.EqualTo(valid));

    [Test]
    public void RawTailPacksTermIdHighAndOffsetLow()
    {
        var raw = PackTail(-5, 4096);
        Assert.Multiple(() =>
        {
            Assert.That(raw, Is.EqualTo((-5L << 32) | 4096));
            Assert.That(TermId(raw), Is.EqualTo(-5));
            Assert.That(TermOffset(raw, 65536), Is.EqualTo(4096));
            Assert.That(TermOffset(PackTail(7, 70000), 65536), Is.EqualTo(65536), "over-claimed offsets clamp to the term length");
        });
    }

    [Test]
    public void PositionArithmetic()
    {
        const int TermLength = 65536;
        var shift = PositionBitsToShift(TermLength);
        Assert.That(shift, Is.EqualTo(16));
        const int Initial = int.MaxValue - 1;
        // Term ids wrap: two terms after int.MaxValue - 1 is int.MinValue.
        var position = ComputePosition(int.MinValue, 96, shift, Initial);
        Assert.Multiple(() =>
        {
            Assert.That(position, Is.EqualTo((2L * TermLength) + 96));
            Assert.That(IndexByPosition(position, shift), Is.EqualTo(2));
            Assert.That(IndexByPosition(3L * TermLength, shift), Is.EqualTo(0));
            Assert.That(IndexByTermCount(4), Is.EqualTo(1));
            Assert.That(position & (TermLength - 1), Is.EqualTo(96));
            Assert.That(MaxPossiblePosition(TermLength), Is.EqualTo((long)TermLength << 31));
            Assert.That(ComputeMaxMessageLength(65536), Is.EqualTo(8192));
            Assert.That(ComputeMaxMessageLength(1 << 30), Is.EqualTo(16 * 1024 * 1024));
        });
    }

    [Test]
    public void FragmentedLengthCountsFullAndLastFrames()
    {
        // 1376 payload per frame at MTU 1408: 3000 = 1376 + 1376 + 248 → 1408 + 1408 + align(280).
        Assert.That(Velox.Ipc.Publications.FrameWriter.FragmentedLength(3000, 1376), Is.EqualTo(1408 + 1408 + 288));
        Assert.That(Velox.Ipc.Publications.FrameWriter.FragmentedLength(2752, 1376), Is.EqualTo(2816));
    }
}
