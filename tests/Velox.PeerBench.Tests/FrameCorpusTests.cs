using Velox.PeerBench.Corpus;

namespace Velox.PeerBench.Tests;

public class FrameCorpusTests
{
    [Test]
    public void SimulatedCorpus_IsDeterministic_AndCarriesChecksumFrames()
    {
        var a = SimulatedCorpus.Generate("a", 5_000);
        var b = SimulatedCorpus.Generate("b", 5_000);
        var withoutChecksums = a.Without("no-cs", FrameCorpus.IsChecksumFrame);

        Assert.That(b.Count, Is.EqualTo(a.Count));
        for (var i = 0; i < a.Count; i++)
        {
            Assert.That(b[i].SequenceEqual(a[i]), Is.True, $"frame {i}");
        }

        Assert.That(a.FrameText(0), Does.StartWith("{\"event\":\"info\""));
        Assert.That(withoutChecksums.Count, Is.InRange(a.Count / 4, a.Count - 1_000));
    }

    [Test]
    public void WriteLinesThenReadLines_GivesTheSameFrames()
    {
        var corpus = SimulatedCorpus.Generate("c", 2_000);
        var path = Path.GetTempFileName();
        try
        {
            corpus.WriteLines(path);
            var read = FrameCorpus.ReadLines("c", path);
            Assert.That(read.Count, Is.EqualTo(corpus.Count));
            Assert.That(read.Bytes, Is.EqualTo(corpus.Bytes));
            Assert.That(read[read.Count - 1].SequenceEqual(corpus[corpus.Count - 1]), Is.True);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void IsChecksumFrame_MatchesOnlyCsFrames()
    {
        Assert.That(FrameCorpus.IsChecksumFrame("[17,\"cs\",-12345]"u8.ToArray()), Is.True);
        Assert.That(FrameCorpus.IsChecksumFrame("[17,\"cs\",-12345,99]"u8.ToArray()), Is.True);
        Assert.That(FrameCorpus.IsChecksumFrame("[17,\"hb\"]"u8.ToArray()), Is.False);
        Assert.That(FrameCorpus.IsChecksumFrame("[17,[100,1,2]]"u8.ToArray()), Is.False);
        Assert.That(FrameCorpus.IsChecksumFrame("{\"event\":\"info\"}"u8.ToArray()), Is.False);
    }
}
