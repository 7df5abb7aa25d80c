using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Tests.Orders;
using static Velox.Trading.Tests.Fixtures;

namespace Velox.Trading.Tests.Oms;

/// <summary>Every (state, event) pair driven through the OMS itself: legal ones applied, the rest refused and counted.</summary>
public class OrderManagerTransitionTests
{
    private long _fillId;

    /// <summary>An order of quantity 10 brought into <paramref name="state"/> by the shortest legal path.</summary>
    private long Reach(OrderManager oms, OrderState state)
    {
        var id = Submit(oms, Buy(100, 10));
        switch (state)
        {
            case OrderState.PendingNew:
                break;
            case OrderState.New:
                oms.Apply(ExecutionReport.Ack(id, 1), out _);
                break;
            case OrderState.PartiallyFilled:
                oms.Apply(ExecutionReport.Ack(id, 1), out _);
                oms.Apply(ExecutionReport.Fill(id, ++_fillId, Px(100), Qty(1)), out _);
                break;
            case OrderState.Filled:
                oms.Apply(ExecutionReport.Fill(id, ++_fillId, Px(100), Qty(10)), out _);
                break;
            case OrderState.PendingCancel:
                oms.Apply(ExecutionReport.Ack(id, 1), out _);
                oms.TryCancel(id);
                break;
            case OrderState.Cancelled:
                oms.Apply(ExecutionReport.Ack(id, 1), out _);
                oms.TryCancel(id);
                oms.Apply(ExecutionReport.CancelAck(id), out _);
                break;
            case OrderState.PendingReplace:
                oms.Apply(ExecutionReport.Ack(id, 1), out _);
                oms.TryAmend(id, Px(101), Qty(20));
                break;
            case OrderState.Replaced:
                oms.Apply(ExecutionReport.Ack(id, 1), out _);
                oms.TryAmend(id, Px(101), Qty(20));
                oms.Apply(ExecutionReport.ReplaceAck(id), out _);
                break;
            case OrderState.Rejected:
                oms.Apply(ExecutionReport.Reject(id), out _);
                break;
            case OrderState.Expired:
                oms.Apply(ExecutionReport.Ack(id, 1), out _);
                oms.Apply(ExecutionReport.Expire(id), out _);
                break;
        }

        Assert.That(State(oms, id), Is.EqualTo(state), "setup path");
        return id;
    }

    [TestCaseSource(typeof(OrderTransitionsTests), nameof(OrderTransitionsTests.AllPairs))]
    public void Oms_FollowsTheTable(OrderState state, OrderEvent orderEvent)
    {
        var oms = NewOms();
        var id = Reach(oms, state);
        oms.TryGet(id, out var before);
        var illegalBefore = oms.IllegalTransitions;
        var expected = OrderTransitionsTests.Expected(state, orderEvent, OrderState.New, out var expectedNext);
        var leaves = before.Quantity.Raw - before.Filled.Raw;

        var overfill = false;
        object outcome;
        switch (orderEvent)
        {
            case OrderEvent.CancelRequest:
                outcome = oms.TryCancel(id);
                break;
            case OrderEvent.ReplaceRequest:
                outcome = oms.TryAmend(id, Px(102), Qty(30));
                break;
            case OrderEvent.PartialFill:
                overfill = state == OrderState.Filled;
                outcome = oms.Apply(ExecutionReport.Fill(id, ++_fillId, Px(100), Qty(1)), out _);
                break;
            case OrderEvent.Fill:
                overfill = state == OrderState.Filled;
                outcome = oms.Apply(ExecutionReport.Fill(id, ++_fillId, Px(100), new(Math.Max(leaves, 1))), out _);
                break;
            default:
                outcome = oms.Apply(Report(orderEvent, id), out _);
                break;
        }

        oms.TryGet(id, out var after);
        if (overfill)
        {
            Assert.That(outcome, Is.EqualTo(ReportOutcome.Overfill));
            Assert.That(after.State, Is.EqualTo(state));
            return;
        }

        switch (expected)
        {
            case TransitionResult.Applied:
                Assert.That(outcome, Is.EqualTo(ReportOutcome.Applied).Or.EqualTo(CommandStatus.Accepted));
                Assert.That(after.State, Is.EqualTo(expectedNext));
                Assert.That(oms.IllegalTransitions, Is.EqualTo(illegalBefore));
                break;
            case TransitionResult.Stale:
                Assert.That(outcome, Is.EqualTo(ReportOutcome.Stale));
                Assert.That(after, Is.EqualTo(before));
                break;
            default:
                Assert.That(outcome, Is.EqualTo(ReportOutcome.IllegalTransition).Or.EqualTo(CommandStatus.InvalidState));
                Assert.That(after, Is.EqualTo(before), "never applied");
                Assert.That(oms.IllegalTransitions, Is.EqualTo(illegalBefore + 1), "counted");
                break;
        }
    }

    private static ExecutionReport Report(OrderEvent orderEvent, long id) => orderEvent switch
    {
        OrderEvent.Ack => ExecutionReport.Ack(id, 1),
        OrderEvent.Reject => ExecutionReport.Reject(id, 5),
        OrderEvent.CancelAck => ExecutionReport.CancelAck(id),
        OrderEvent.CancelReject => ExecutionReport.CancelReject(id, 6),
        OrderEvent.ReplaceAck => ExecutionReport.ReplaceAck(id),
        OrderEvent.ReplaceReject => ExecutionReport.ReplaceReject(id, 7),
        OrderEvent.Expire => ExecutionReport.Expire(id),
        _ => throw new ArgumentOutOfRangeException(nameof(orderEvent)),
    };
}
