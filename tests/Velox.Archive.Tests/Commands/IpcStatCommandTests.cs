using Velox.Archive.Tests.Support;
using Velox.Host.Cli;
using Velox.Host.Ipc;

namespace Velox.Archive.Tests.Commands;

public class IpcStatCommandTests
{
    [Test]
    public void ShowsTheLivePublicationWithBothSubscriberPositions()
    {
        using var fixture = new ArchiveFixture();
        using var publication = fixture.Ipc.AddExclusivePublication(42);
        using var fast = fixture.Ipc.AddSubscription(42);
        using var slow = fixture.Ipc.AddSubscription(42);
        var collector = new MessageCollector();
        ArchiveFixture.Until(() => fast.IsConnected && slow.IsConnected, () => publication.DoWork() + fast.Poll(ref collector, 10) + slow.Poll(ref collector, 10));
        var message = new byte[100];
        for (var i = 0; i < 10; i++)
        {
            ArchiveFixture.Offer(publication, message, () => 0);
        }

        ArchiveFixture.Until(() => fast.Position == publication.Position, () => fast.Poll(ref collector, 100));
        slow.Poll(ref collector, 4);
        publication.DoWork();

        var output = new StringWriter();
        var error = new StringWriter();
        var code = IpcCommand.Run(["stat", "--dir", fixture.Options.Directory], output, error);
        var text = output.ToString();
        TestContext.Out.WriteLine(text);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error.ToString());
        Assert.That(text, Does.Contain($"stream 42 session {publication.SessionId} (exclusive)"));
        Assert.That(text, Does.Contain($"publisher pid {Environment.ProcessId} alive"));
        Assert.That(text, Does.Contain($"producer position {publication.Position}, pub-pos {publication.Position}, pub-lmt {publication.PositionLimit}"));
        Assert.That(text, Does.Contain($"position {fast.Position}, behind 0"));
        Assert.That(text, Does.Contain($"position {slow.Position}, behind {publication.Position - slow.Position}"));
        Assert.That(slow.Position, Is.EqualTo(4 * 160));
    }

    [Test]
    public void NamesALogFileWithABadHeader()
    {
        using var fixture = new ArchiveFixture();
        var bad = Path.Combine(fixture.Options.Directory, "stream-7.logbuffer");
        File.WriteAllBytes(bad, new byte[4096]);
        var output = new StringWriter();
        var code = IpcCommand.Run(["stat", "--dir", fixture.Options.Directory], output, new StringWriter());
        Assert.That(code, Is.EqualTo(ExitCodes.Findings));
        Assert.That(output.ToString(), Does.Contain($"problem: {bad}: not a Velox log buffer"));
    }
}
