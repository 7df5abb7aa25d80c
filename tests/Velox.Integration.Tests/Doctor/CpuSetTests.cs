using Velox.Host.Doctor;

namespace Velox.Integration.Tests.Doctor;

public class CpuSetTests
{
    [TestCase("", "")]
    [TestCase("0-1", "0-1")]
    [TestCase("4,0-1,2,3", "0-4")]
    [TestCase("2-15", "2-15")]
    [TestCase("1,3,5-7,6", "1,3,5-7")]
    [TestCase("08", "8")]
    public void Lists_parse_to_canonical_form(string text, string canonical)
    {
        Assert.That(CpuSet.TryParse(text, out var set), Is.True);
        Assert.That(set.ToString(), Is.EqualTo(canonical));
    }

    [TestCase("1-x")]
    [TestCase("3-1")]
    [TestCase("1,")]
    [TestCase(",1")]
    [TestCase("-1")]
    [TestCase("12345")]
    [TestCase("0 1")]
    public void Malformed_lists_fail(string text) => Assert.That(CpuSet.TryParse(text, out _), Is.False);

    [TestCase("3", "0-1")]
    [TestCase("00000000,00000003", "0-1")]
    [TestCase("fffc", "2-15")]
    [TestCase("1,00000000", "32")]
    [TestCase("0", "")]
    public void Hex_masks_parse(string mask, string canonical)
    {
        Assert.That(CpuSet.TryParseHexMask(mask, out var set), Is.True);
        Assert.That(set.ToString(), Is.EqualTo(canonical));
    }

    [Test]
    public void Set_operations()
    {
        var a = Plans.Cpus("0-3");
        var b = Plans.Cpus("2-5");
        Assert.That(a.Intersect(b).ToString(), Is.EqualTo("2-3"));
        Assert.That(a.Union(b).ToString(), Is.EqualTo("0-5"));
        Assert.That(a.Intersect(b).IsSubsetOf(a), Is.True);
        Assert.That(a.IsSubsetOf(b), Is.False);
        Assert.That(CpuSet.Empty.IsSubsetOf(a), Is.True);
    }
}
