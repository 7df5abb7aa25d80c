using Velox.Trading.Orders;

namespace Velox.Trading.Tests.Orders;

public class ClientOrderIdSourceTests
{
    private string _directory = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), "velox-clordid-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Ids_AreUniqueAndIncreasing_AcrossSimulatedRestarts()
    {
        var path = Path.Combine(_directory, "session");
        var seen = new HashSet<long>();
        var last = 0L;
        for (var restart = 0; restart < 5; restart++)
        {
            // Each "process" issues ids and then dies without saving its counter.
            var source = ClientOrderIdSource.OpenSession(path);
            Assert.That(source.Session, Is.EqualTo(restart + 1));
            for (var i = 0; i < 10_000; i++)
            {
                var id = source.Next();
                Assert.That(id, Is.GreaterThan(last));
                Assert.That(seen.Add(id), Is.True);
                Assert.That(ClientOrderIdSource.SessionOf(id), Is.EqualTo(source.Session));
                last = id;
            }
        }

        Assert.That(seen, Has.Count.EqualTo(50_000));
    }

    [Test]
    public void CorruptSessionFile_IsRefused()
    {
        var path = Path.Combine(_directory, "session");
        File.WriteAllText(path, "garbage");
        Assert.That(() => ClientOrderIdSource.OpenSession(path), Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void SessionOutOfRange_IsRefused()
    {
        Assert.That(() => new ClientOrderIdSource(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new ClientOrderIdSource(ClientOrderIdSource.MaxSession + 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(new ClientOrderIdSource(ClientOrderIdSource.MaxSession).Next(), Is.Positive);
    }
}
