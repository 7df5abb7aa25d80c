using System.Runtime.CompilerServices;

namespace Velox.Trading.Orders;

/// <summary>
/// The order state machine as one table: [state, event] → next state, "restore" (go back to the state
/// before the pending cancel/replace), stale (benign late or duplicate report, ignored) or illegal
/// (counted, never applied). Fill events are classified by the caller: a fill that completes the
/// order's quantity is <see cref="OrderEvent.Fill"/>, any other is <see cref="OrderEvent.PartialFill"/>.
/// </summary>
public static class OrderTransitions
{
    /// <summary>Number of <see cref="OrderState"/> values.</summary>
    public const int StateCount = 10;

    /// <summary>Number of <see cref="OrderEvent"/> values.</summary>
    public const int EventCount = 11;

    private const byte Restore = 0xFD;
    private const byte Stale = 0xFE;
    private const byte Illegal = 0xFF;

    private const byte PN = (byte)OrderState.PendingNew;
    private const byte NW = (byte)OrderState.New;
    private const byte PF = (byte)OrderState.PartiallyFilled;
    private const byte FL = (byte)OrderState.Filled;
    private const byte PC = (byte)OrderState.PendingCancel;
    private const byte CX = (byte)OrderState.Cancelled;
    private const byte PR = (byte)OrderState.PendingReplace;
    private const byte RP = (byte)OrderState.Replaced;
    private const byte RJ = (byte)OrderState.Rejected;
    private const byte EX = (byte)OrderState.Expired;
    private const byte RS = Restore;
    private const byte ST = Stale;
    private const byte XX = Illegal;

    // Columns: Ack, Reject, PartialFill, Fill, CancelRequest, CancelAck, CancelReject, ReplaceRequest, ReplaceAck, ReplaceReject, Expire.
    // Late fills on Cancelled/Expired are booked (the trade happened before the venue's cancel took effect), and on
    // Rejected too: a reject can be our inference (an order lost across a reconnect, an orphan the venue kept) that
    // the venue's trade contradicts, and the trade moved money either way.
    private static ReadOnlySpan<byte> Table =>
    [
        /* PendingNew      */ NW, RJ, PF, FL, PC, CX, XX, XX, XX, XX, EX,
        /* New             */ ST, XX, PF, FL, PC, CX, XX, PR, XX, XX, EX,
        /* PartiallyFilled */ ST, XX, PF, FL, PC, CX, XX, PR, XX, XX, EX,
        /* Filled          */ ST, XX, XX, XX, XX, ST, ST, XX, XX, ST, XX,
        /* PendingCancel   */ PC, RJ, PC, FL, XX, CX, RS, XX, XX, XX, EX,
        /* Cancelled       */ ST, XX, CX, FL, XX, ST, ST, XX, XX, ST, ST,
        /* PendingReplace  */ ST, XX, PR, FL, XX, CX, XX, XX, RP, RS, EX,
        /* Replaced        */ ST, XX, PF, FL, PC, CX, XX, PR, ST, XX, EX,
        /* Rejected        */ XX, ST, RJ, FL, XX, XX, ST, XX, XX, XX, XX,
        /* Expired         */ ST, XX, EX, FL, XX, ST, ST, XX, XX, ST, ST,
    ];

    /// <summary>
    /// Looks up (<paramref name="state"/>, <paramref name="orderEvent"/>). <paramref name="beforePending"/> is the
    /// live state the order had when its pending cancel/replace was sent; a refused cancel/replace returns there.
    /// On <see cref="TransitionResult.Stale"/> and <see cref="TransitionResult.Illegal"/>, <paramref name="next"/> is <paramref name="state"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TransitionResult TryTransition(OrderState state, OrderEvent orderEvent, OrderState beforePending, out OrderState next)
    {
        var cell = Table[((int)state * EventCount) + (int)orderEvent];
        if (cell < StateCount)
        {
            next = (OrderState)cell;
            return TransitionResult.Applied;
        }

        if (cell == Restore)
        {
            next = beforePending;
            return TransitionResult.Applied;
        }

        next = state;
        return cell == Stale ? TransitionResult.Stale : TransitionResult.Illegal;
    }

    /// <summary>True for states from which no further quantity can be worked (late fills may still be booked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsTerminal(OrderState state) =>
        state is OrderState.Filled or OrderState.Cancelled or OrderState.Rejected or OrderState.Expired;
}
