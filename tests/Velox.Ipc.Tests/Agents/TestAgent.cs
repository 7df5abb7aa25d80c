using Velox.Ipc.Agents;
using Velox.Ipc.Platform;

namespace Velox.Ipc.Tests.Agents;

/// <summary>Counts its callbacks, records the thread they ran on, and can be told to throw.</summary>
internal sealed class TestAgent(string roleName, int throwOnCycle = -1, Action? onWork = null) : IAgent
{
    private long _cycles;

    public string RoleName { get; } = roleName;

    public long Cycles => Volatile.Read(ref _cycles);

    public int StartThreadId { get; private set; }

    public int CloseThreadId { get; private set; }

    public int Closes { get; private set; }

    public void OnStart() => StartThreadId = ThreadScheduling.CurrentThreadId();

    public int DoWork()
    {
        var cycle = Interlocked.Increment(ref _cycles);
        if (cycle == throwOnCycle)
        {
            throw new InvalidOperationException($"{RoleName} boom");
        }

        onWork?.Invoke();
        return 0;
    }

    public void OnClose()
    {
        CloseThreadId = ThreadScheduling.CurrentThreadId();
        Closes++;
    }
}
