using System.Runtime.CompilerServices;
using Velox.Ipc.Platform;

namespace Velox.Ipc.Agents;

/// <summary>
/// Owns one thread that runs one or more agents in turn and idles with the configured strategy. The thread
/// pins itself (sched_setaffinity is per thread, so it must be called from inside) and optionally switches to
/// SCHED_FIFO; either is skipped with a warning when not permitted. An exception from an agent is caught,
/// counted and reported, and only that agent is closed and removed; the runner ends when none is left.
/// </summary>
public sealed class AgentRunner : IDisposable
{
    private readonly IAgent[] _agents;
    private readonly bool[] _active;
    private readonly AgentRunnerOptions _options;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _started = new();
    private readonly List<string> _warnings = [];
    private readonly List<AgentFailure> _failures = [];
    private int _activeCount;
    private bool _running;
    private long _dutyCycles;
    private int _threadId;
    private int _failureCount;

    /// <summary>A runner for the agents (in duty-cycle order); call <see cref="Start"/>.</summary>
    public AgentRunner(AgentRunnerOptions options, params IAgent[] agents)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(agents);
        if (agents.Length == 0)
        {
            throw new ArgumentException("a runner needs at least one agent", nameof(agents));
        }

        _options = options;
        _agents = [.. agents];
        _active = new bool[_agents.Length];
        _thread = new Thread(Run) { Name = options.Name, IsBackground = true };
    }

    public string Name => _options.Name;

    /// <summary>Kernel thread id of the runner's thread once started (0 before).</summary>
    public int ThreadId => Volatile.Read(ref _threadId);

    /// <summary>Completed duty cycles (all agents once each).</summary>
    public long DutyCycles => Volatile.Read(ref _dutyCycles);

    /// <summary>Agents still running.</summary>
    public int ActiveAgentCount => Volatile.Read(ref _activeCount);

    /// <summary>Agents removed by an exception.</summary>
    public int FailureCount => Volatile.Read(ref _failureCount);

    /// <summary>True while the thread is alive.</summary>
    public bool IsRunning => _thread.IsAlive;

    /// <summary>Placement steps that were skipped and why (pinning, SCHED_FIFO).</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return [.. _warnings];
            }
        }
    }

    /// <summary>The failures that removed agents, in order.</summary>
    public IReadOnlyList<AgentFailure> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>Starts the thread and waits until it has placed itself and started its agents; false on timeout.</summary>
    public bool Start()
    {
        Volatile.Write(ref _running, true);
        _thread.Start();
        return _started.Wait(_options.Timeout);
    }

    /// <summary>Asks the thread to finish its duty cycle, close its agents and end; true when it ended within the timeout.</summary>
    public bool Stop(TimeSpan? timeout = null)
    {
        Volatile.Write(ref _running, false);
        return !_thread.IsAlive || _thread.Join(timeout ?? _options.Timeout);
    }

    public void Dispose()
    {
        Stop();
        _started.Dispose();
    }

    private void Run()
    {
        Volatile.Write(ref _threadId, ThreadScheduling.CurrentThreadId());
        Place();
        for (var i = 0; i < _agents.Length; i++)
        {
            try
            {
                _agents[i].OnStart();
                _active[i] = true;
                _activeCount++;
            }
            catch (Exception e)
            {
                Report(new AgentFailure(_agents[i].RoleName, nameof(IAgent.OnStart), e));
            }
        }

        _started.Set();
        switch (_options.Idle)
        {
            case IdleStrategyKind.BusySpin:
                var spin = default(BusySpinIdleStrategy);
                Loop(ref spin);
                break;
            case IdleStrategyKind.Yielding:
                var yielding = default(YieldingIdleStrategy);
                Loop(ref yielding);
                break;
            case IdleStrategyKind.Sleeping:
                var sleeping = new SleepingIdleStrategy(_options.SleepNanos);
                Loop(ref sleeping);
                break;
            default:
                var backoff = new BackoffIdleStrategy(
                    _options.BackoffMaxSpins, _options.BackoffMaxYields, _options.BackoffMinParkNanos, _options.BackoffMaxParkNanos);
                Loop(ref backoff);
                break;
        }

        for (var i = 0; i < _agents.Length; i++)
        {
            if (_active[i])
            {
                Remove(i, null);
            }
        }
    }

    private void Loop<TIdle>(ref TIdle idle)
        where TIdle : struct, IIdleStrategy
    {
        var agents = _agents;
        var active = _active;
        // Acquire: pairs with Stop's release so the loop sees the request within a cycle.
        while (Volatile.Read(ref _running) && _activeCount > 0)
        {
            var work = 0;
            for (var i = 0; i < agents.Length; i++)
            {
                if (!active[i])
                {
                    continue;
                }

                try
                {
                    work += agents[i].DoWork();
                }
                catch (Exception e)
                {
                    Remove(i, e);
                }
            }

            Volatile.Write(ref _dutyCycles, _dutyCycles + 1);
            idle.Idle(work);
        }
    }

    private void Place()
    {
        if (_options.Cpu is { } cpu)
        {
            var errno = ThreadScheduling.PinCurrentThread(cpu);
            if (errno != 0)
            {
                Warn($"runner {Name}: not pinned to CPU {cpu}: sched_setaffinity failed with {ThreadScheduling.Describe(errno)}");
            }
        }

        if (_options.FifoPriority is { } priority)
        {
            var errno = ThreadScheduling.SetCurrentThreadFifo(priority);
            if (errno != 0)
            {
                Warn($"runner {Name}: SCHED_FIFO {priority} not applied: sched_setscheduler failed with {ThreadScheduling.Describe(errno)} " +
                    "(needs CAP_SYS_NICE or LimitRTPRIO)");
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Remove(int index, Exception? failure)
    {
        _active[index] = false;
        Volatile.Write(ref _activeCount, _activeCount - 1);
        var agent = _agents[index];
        if (failure is not null)
        {
            Report(new AgentFailure(agent.RoleName, nameof(IAgent.DoWork), failure));
        }

        try
        {
            agent.OnClose();
        }
        catch (Exception e)
        {
            Report(new AgentFailure(agent.RoleName, nameof(IAgent.OnClose), e));
        }
    }

    private void Report(AgentFailure failure)
    {
        lock (_failures)
        {
            _failures.Add(failure);
        }

        Interlocked.Increment(ref _failureCount);
        _options.Log?.WriteLine($"runner {Name}: {failure}");
    }

    private void Warn(string warning)
    {
        lock (_warnings)
        {
            _warnings.Add(warning);
        }

        _options.Log?.WriteLine($"warning: {warning}");
    }
}
