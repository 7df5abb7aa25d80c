using System.Runtime.InteropServices;
using Velox.Perf;

namespace Velox.PeerBench.Report;

/// <summary>What the numbers were measured on: CPU, cores, kernel, governor, isolated cores, load.</summary>
public sealed record MachineFacts(
    string CpuModel,
    int LogicalCores,
    string Kernel,
    string Governor,
    string IsolatedCores,
    string LoadAverageStart,
    string LoadAverageEnd,
    string Runtime,
    bool NativeAot,
    string Node)
{
    public static string ReadLoadAverage() => HostFacts.LoadAverage();

    public static MachineFacts Collect(string loadAtStart, string nodeVersion) => new(
        HostFacts.CpuModel(),
        Environment.ProcessorCount,
        HostFacts.Kernel(),
        HostFacts.Governor(),
        HostFacts.IsolatedCores(),
        loadAtStart,
        HostFacts.LoadAverage(),
        RuntimeInformation.FrameworkDescription,
        HostFacts.IsNativeAot(),
        nodeVersion);
}
