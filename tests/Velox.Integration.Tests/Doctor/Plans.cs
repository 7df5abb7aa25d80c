using Velox.Host.Doctor;

namespace Velox.Integration.Tests.Doctor;

/// <summary>Plans and CPU sets from text, failing the test when the text is invalid.</summary>
public static class Plans
{
    public static CpuPlan Parse(string text)
    {
        Assert.That(CpuPlanFile.TryParse(text, out var plan, out var problems), Is.True, string.Join("\n", problems));
        return plan!;
    }

    public static CpuSet Cpus(string list)
    {
        Assert.That(CpuSet.TryParse(list, out var set), Is.True, list);
        return set;
    }
}
