namespace Velox.Host.Doctor;

/// <summary>The isolated CPU a Velox agent's hot thread pins itself to; null when it runs unpinned on H.</summary>
public readonly record struct AgentPin(string Agent, int? Cpu);
