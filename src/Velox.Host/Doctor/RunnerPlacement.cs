using Velox.Ipc.Agents;

namespace Velox.Host.Doctor;

/// <summary>Where one agent runner's thread runs and how it idles; <see cref="Cpu"/> null = unpinned on the housekeeping CPUs.</summary>
public readonly record struct RunnerPlacement(string Runner, int? Cpu, IdleStrategyKind Idle);
