using Velox.Strategies.Arbitrage;
using static Velox.Strategies.Arbitrage.ArbitrageState;

namespace Velox.Strategies.Tests.Arbitrage;

public class ArbitrageStateMachineTests
{
    private static readonly (ArbitrageState From, ArbitrageState To)[] LegalMoves =
    [
        (Idle, Detecting),
        (Detecting, Idle), (Detecting, OpportunityFound),
        (OpportunityFound, Executing), (OpportunityFound, Failed), (OpportunityFound, Recovering),
        (Executing, Completed), (Executing, Failed), (Executing, Recovering),
        (Recovering, Failed),
        (Completed, Detecting), (Completed, Idle),
        (Failed, Detecting), (Failed, Idle),
        (Idle, Recovering), (Detecting, Recovering), (Completed, Recovering), (Failed, Recovering),
    ];

    /// <summary>A machine driven into <paramref name="state"/> along legal moves.</summary>
    private static ArbitrageStateMachine In(ArbitrageState state)
    {
        var path = state switch
        {
            Idle => Array.Empty<ArbitrageState>(),
            Detecting => [Detecting],
            OpportunityFound => [Detecting, OpportunityFound],
            Executing => [Detecting, OpportunityFound, Executing],
            Completed => [Detecting, OpportunityFound, Executing, Completed],
            Failed => [Detecting, OpportunityFound, Failed],
            _ => [Detecting, OpportunityFound, Executing, Recovering],
        };
        var machine = new ArbitrageStateMachine();
        foreach (var next in path)
        {
            Assert.That(machine.TryMoveTo(next), Is.True);
        }

        Assert.That(machine.State, Is.EqualTo(state));
        return machine;
    }

    [Test]
    public void EveryPair_IsLegalExactlyWhenListed([Values] ArbitrageState from, [Values] ArbitrageState to)
    {
        var expected = LegalMoves.Contains((from, to));
        Assert.That(ArbitrageStateMachine.IsLegal(from, to), Is.EqualTo(expected));

        var machine = In(from);
        var transitions = machine.Transitions;
        Assert.That(machine.TryMoveTo(to), Is.EqualTo(expected));
        if (expected)
        {
            Assert.That(machine.State, Is.EqualTo(to));
            Assert.That(machine.Transitions, Is.EqualTo(transitions + 1));
            Assert.That(machine.IllegalTransitions, Is.Zero);
        }
        else
        {
            Assert.That(machine.State, Is.EqualTo(from), "an illegal move is never applied");
            Assert.That(machine.Transitions, Is.EqualTo(transitions));
            Assert.That(machine.IllegalTransitions, Is.EqualTo(1));
        }
    }

    [Test]
    public void StartsIdle_AndOutOfRangeStatesAreIllegal()
    {
        var machine = new ArbitrageStateMachine();
        Assert.That(machine.State, Is.EqualTo(Idle));
        Assert.That(ArbitrageStateMachine.IsLegal(Idle, (ArbitrageState)7), Is.False);
        Assert.That(machine.TryMoveTo((ArbitrageState)200), Is.False);
        Assert.That(machine.IllegalTransitions, Is.EqualTo(1));
    }
}
