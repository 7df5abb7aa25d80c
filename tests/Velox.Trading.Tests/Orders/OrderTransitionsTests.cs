using Velox.Trading.Orders;

namespace Velox.Trading.Tests.Orders;

public class OrderTransitionsTests
{
    // The specification, written independently of the product table: legal moves and benign stale reports.
    // "*" = return to the state before the pending cancel/replace. Every pair not listed is illegal.
    private static readonly string[] Legal =
    [
        "PendingNew Ack New", "PendingNew Reject Rejected", "PendingNew PartialFill PartiallyFilled", "PendingNew Fill Filled",
        "PendingNew CancelRequest PendingCancel", "PendingNew CancelAck Cancelled", "PendingNew Expire Expired",
        "New PartialFill PartiallyFilled", "New Fill Filled", "New CancelRequest PendingCancel", "New CancelAck Cancelled",
        "New ReplaceRequest PendingReplace", "New Expire Expired",
        "PartiallyFilled PartialFill PartiallyFilled", "PartiallyFilled Fill Filled", "PartiallyFilled CancelRequest PendingCancel",
        "PartiallyFilled CancelAck Cancelled", "PartiallyFilled ReplaceRequest PendingReplace", "PartiallyFilled Expire Expired",
        "PendingCancel Ack PendingCancel", "PendingCancel Reject Rejected", "PendingCancel PartialFill PendingCancel",
        "PendingCancel Fill Filled", "PendingCancel CancelAck Cancelled", "PendingCancel CancelReject *", "PendingCancel Expire Expired",
        "Cancelled PartialFill Cancelled", "Cancelled Fill Filled",
        "PendingReplace PartialFill PendingReplace", "PendingReplace Fill Filled", "PendingReplace CancelAck Cancelled",
        "PendingReplace ReplaceAck Replaced", "PendingReplace ReplaceReject *", "PendingReplace Expire Expired",
        "Replaced PartialFill PartiallyFilled", "Replaced Fill Filled", "Replaced CancelRequest PendingCancel",
        "Replaced CancelAck Cancelled", "Replaced ReplaceRequest PendingReplace", "Replaced Expire Expired",
        "Expired PartialFill Expired", "Expired Fill Filled",
        "Rejected PartialFill Rejected", "Rejected Fill Filled",
    ];

    private static readonly string[] StaleReports =
    [
        "New Ack", "PartiallyFilled Ack", "Filled Ack", "Filled CancelAck", "Filled CancelReject", "Filled ReplaceReject",
        "Cancelled Ack", "Cancelled CancelAck", "Cancelled CancelReject", "Cancelled ReplaceReject", "Cancelled Expire",
        "PendingReplace Ack", "Replaced Ack", "Replaced ReplaceAck", "Rejected Reject", "Rejected CancelReject",
        "Expired Ack", "Expired CancelAck", "Expired CancelReject", "Expired ReplaceReject", "Expired Expire",
    ];

    /// <summary>Expected result of (state, event), from the lists above.</summary>
    public static TransitionResult Expected(OrderState state, OrderEvent orderEvent, OrderState beforePending, out OrderState next)
    {
        foreach (var line in Legal)
        {
            var parts = line.Split(' ');
            if (parts[0] == state.ToString() && parts[1] == orderEvent.ToString())
            {
                next = parts[2] == "*" ? beforePending : Enum.Parse<OrderState>(parts[2]);
                return TransitionResult.Applied;
            }
        }

        next = state;
        return Array.IndexOf(StaleReports, $"{state} {orderEvent}") >= 0 ? TransitionResult.Stale : TransitionResult.Illegal;
    }

    public static IEnumerable<TestCaseData> AllPairs()
    {
        foreach (var state in Enum.GetValues<OrderState>())
        {
            foreach (var orderEvent in Enum.GetValues<OrderEvent>())
            {
                yield return new TestCaseData(state, orderEvent).SetName($"{state} + {orderEvent}");
            }
        }
    }

    [TestCaseSource(nameof(AllPairs))]
    public void Table_MatchesSpecification(OrderState state, OrderEvent orderEvent)
    {
        foreach (var beforePending in new[] { OrderState.New, OrderState.PartiallyFilled, OrderState.Replaced })
        {
            var expected = Expected(state, orderEvent, beforePending, out var expectedNext);
            var actual = OrderTransitions.TryTransition(state, orderEvent, beforePending, out var next);
            Assert.That(actual, Is.EqualTo(expected));
            Assert.That(next, Is.EqualTo(expectedNext));
        }
    }

    [Test]
    public void Enumerations_HaveTheSizesTheTableAssumes()
    {
        Assert.That(Enum.GetValues<OrderState>(), Has.Length.EqualTo(OrderTransitions.StateCount));
        Assert.That(Enum.GetValues<OrderEvent>(), Has.Length.EqualTo(OrderTransitions.EventCount));
    }

    [Test]
    public void Specification_CoversEveryPairExactlyOnce()
    {
        var keys = new HashSet<string>();
        foreach (var line in Legal)
        {
            var parts = line.Split(' ');
            Assert.That(keys.Add($"{parts[0]} {parts[1]}"), Is.True, line);
        }

        foreach (var line in StaleReports)
        {
            Assert.That(keys.Add(line), Is.True, line);
        }

        Assert.That(keys, Has.Count.EqualTo(Legal.Length + StaleReports.Length));
        Assert.That(110 - keys.Count, Is.EqualTo(45), "illegal pairs");
    }

    [TestCase(OrderState.Filled, true)]
    [TestCase(OrderState.Cancelled, true)]
    [TestCase(OrderState.Rejected, true)]
    [TestCase(OrderState.Expired, true)]
    [TestCase(OrderState.PendingNew, false)]
    [TestCase(OrderState.New, false)]
    [TestCase(OrderState.PartiallyFilled, false)]
    [TestCase(OrderState.PendingCancel, false)]
    [TestCase(OrderState.PendingReplace, false)]
    [TestCase(OrderState.Replaced, false)]
    public void Terminal_States(OrderState state, bool terminal) =>
        Assert.That(OrderTransitions.IsTerminal(state), Is.EqualTo(terminal));
}
