namespace Velox.Strategies.Arbitrage;

/// <summary>
/// The arbitrage cycle's state machine as one table of legal moves. A move that is not in the table is
/// counted in <see cref="IllegalTransitions"/> and never applied, like the OMS's order transitions.
/// Legal: Idle → Detecting; Detecting → Idle | OpportunityFound; OpportunityFound → Executing | Failed;
/// Executing → Completed | Failed; Recovering → Failed; Completed → Detecting | Idle; Failed → Detecting | Idle;
/// and every state but Recovering → Recovering, because a late fill on a finished cycle's order (booked by the
/// OMS after a cancel) reopens an exposure whatever the strategy is doing.
/// </summary>
public sealed class ArbitrageStateMachine
{
    /// <summary>Number of <see cref="ArbitrageState"/> values.</summary>
    public const int StateCount = 7;

    // Rows: from; columns: to (Idle, Detecting, OpportunityFound, Executing, Completed, Failed, Recovering).
    private static ReadOnlySpan<byte> Legal =>
    [
        /* Idle             */ 0, 1, 0, 0, 0, 0, 1,
        /* Detecting        */ 1, 0, 1, 0, 0, 0, 1,
        /* OpportunityFound */ 0, 0, 0, 1, 0, 1, 1,
        /* Executing        */ 0, 0, 0, 0, 1, 1, 1,
        /* Completed        */ 1, 1, 0, 0, 0, 0, 1,
        /* Failed           */ 1, 1, 0, 0, 0, 0, 1,
        /* Recovering       */ 0, 0, 0, 0, 0, 1, 0,
    ];

    /// <summary>The current state.</summary>
    public ArbitrageState State { get; private set; }

    /// <summary>Moves applied.</summary>
    public long Transitions { get; private set; }

    /// <summary>Moves refused because the table does not allow them.</summary>
    public long IllegalTransitions { get; private set; }

    /// <summary>True when <paramref name="from"/> → <paramref name="to"/> is a legal move.</summary>
    public static bool IsLegal(ArbitrageState from, ArbitrageState to) =>
        (uint)from < StateCount && (uint)to < StateCount && Legal[((int)from * StateCount) + (int)to] != 0;

    /// <summary>Moves to <paramref name="next"/> when legal; otherwise counts it and stays.</summary>
    public bool TryMoveTo(ArbitrageState next)
    {
        if (!IsLegal(State, next))
        {
            IllegalTransitions++;
            return false;
        }

        State = next;
        Transitions++;
        return true;
    }
}
