using Velox.Archive.Catalog;
using Velox.Archive.Tests.Support;
using Velox.Host.Archive;
using Velox.Host.Cli;

namespace Velox.Archive.Tests.Commands;

public class ArchiveCommandTests
{
    [Test]
    public void ListShowsRecordingsAndDamagedRecords()
    {
        using var fixture = new ArchiveFixture();
        var good = fixture.Record(5, ArchiveFixture.RandomMessages(100, 300, seed: 5), 2 * ArchiveFixture.TermLength);
        var bad = fixture.Record(6, ArchiveFixture.RandomMessages(10, 300, seed: 6), 2 * ArchiveFixture.TermLength);
        using (var file = new FileStream(fixture.Catalog.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Position = CatalogLayout.RecordOffset(bad.RecordingId) + CatalogLayout.RecordMagicOffset;
            file.WriteByte(0);
        }

        var output = new StringWriter();
        var code = ArchiveCommand.Run(["list", "--dir", fixture.ArchivePath], output, new StringWriter());
        var text = output.ToString();
        TestContext.Out.WriteLine(text);
        Assert.That(code, Is.EqualTo(ExitCodes.Findings));
        Assert.That(text, Does.Contain($"{good.StartPosition,16} {good.StopPosition,15}"));
        Assert.That(text, Does.Contain($"record {bad.RecordingId} at offset {CatalogLayout.RecordOffset(bad.RecordingId)}: bad record magic"));
    }

    [Test]
    public void ReplayRefusesADamagedRecordAndBadArguments()
    {
        using var fixture = new ArchiveFixture();
        var error = new StringWriter();
        Assert.That(ArchiveCommand.Run(["replay", "--stream", "1"], new StringWriter(), error), Is.EqualTo(ExitCodes.Usage));
        Assert.That(ArchiveCommand.Run(["replay", "--recording", "0", "--stream", "1", "--dir", fixture.ArchivePath], new StringWriter(), error), Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.ToString(), Does.Contain("no recording 0"));
        Assert.That(ArchiveCommand.Run(["record", "--stream", "1", "--segment-size", "100000"], new StringWriter(), error), Is.EqualTo(ExitCodes.Usage));
    }
}

public class ArchiveCommandEndToEndTests
{
    [Test]
    public void RecordThenReplayThroughTheCommands()
    {
        using var fixture = new ArchiveFixture();
        var messages = ArchiveFixture.RandomMessages(200, 3000, seed: 9);
        var ipcDir = fixture.Options.Directory;
        var recordOutput = new StringWriter();
        var record = Task.Run(() => ArchiveCommand.Run(
            ["record", "--stream", "9", "--dir", fixture.ArchivePath, "--ipc-dir", ipcDir, "--segment-size", "131072", "--compress", "--duration", "20"],
            recordOutput,
            recordOutput));
        using (var publication = fixture.Ipc.AddExclusivePublication(9))
        {
            ArchiveFixture.Until(() => publication.IsConnected, () => publication.DoWork());
            foreach (var message in messages)
            {
                ArchiveFixture.Offer(publication, message, () => 0);
            }

            ArchiveFixture.Until(() => publication.PositionLimit - publication.Position >= publication.Log.TermWindowLength, () => publication.DoWork());
        }

        Assert.That(record.Wait(TimeSpan.FromSeconds(15)), Is.True, recordOutput.ToString());
        Assert.That(record.Result, Is.EqualTo(ExitCodes.Ok), recordOutput.ToString());
        Assert.That(recordOutput.ToString(), Does.Contain("recording 0: positions"));

        using var subscription = fixture.Ipc.AddSubscription(19);
        var replay = Task.Run(() => ArchiveCommand.Run(
            ["replay", "--recording", "0", "--stream", "19", "--dir", fixture.ArchivePath, "--ipc-dir", ipcDir], TextWriter.Null, TextWriter.Null));
        var assembler = new Velox.Ipc.Subscriptions.FragmentAssembler<MessageCollector>(new MessageCollector(), 1 << 20);
        ArchiveFixture.Until(() => assembler.Handler.Messages.Count == messages.Count, () => subscription.Poll(ref assembler, 100));
        Assert.That(replay.Wait(TimeSpan.FromSeconds(15)), Is.True);
        Assert.That(replay.Result, Is.EqualTo(ExitCodes.Ok));
        Assert.That(ArchiveFixture.Hash(assembler.Handler.Messages), Is.EqualTo(ArchiveFixture.Hash(messages)));
    }
}
