using System.Globalization;
using Velox.Simulator.Faults;

namespace Velox.Host.Commands;

/// <summary>
/// `--faults` of `velox run` (market data only, or a trading run): every <c>--fault-every</c> the next fault of the
/// list goes to the simulated venue(s) through <c>inject</c> (which returns how many connections took it), printed as
/// it happens and counted for the summary. Status thread only.
/// </summary>
public sealed class FaultRotation
{
    private readonly IReadOnlyList<FaultKind> _kinds;
    private readonly TimeSpan _every;
    private readonly Func<FaultKind, int> _inject;
    private TimeSpan _next;

    /// <param name="kinds">The faults, injected in turn (none: nothing happens).</param>
    /// <param name="every">Time between two faults.</param>
    /// <param name="inject">Hands one fault to the simulator(s); returns the connections that took it.</param>
    public FaultRotation(IReadOnlyList<FaultKind> kinds, TimeSpan every, Func<FaultKind, int> inject)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(inject);
        _kinds = kinds;
        _every = every > TimeSpan.Zero ? every : TimeSpan.FromSeconds(5);
        _inject = inject;
        _next = _every;
    }

    /// <summary>Faults injected so far.</summary>
    public int Injected { get; private set; }

    /// <summary>Faults that no connection took (the connection was down, or the dialect does not model it).</summary>
    public int NotTaken { get; private set; }

    /// <summary>Injects the fault that is due at <paramref name="elapsed"/>, if any, and prints it; returns it, or null when none was due.</summary>
    public FaultKind? Tick(TimeSpan elapsed, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_kinds.Count == 0 || elapsed < _next)
        {
            return null;
        }

        var kind = _kinds[Injected % _kinds.Count];
        var taken = _inject(kind);
        Injected++;
        if (taken == 0)
        {
            NotTaken++;
        }

        _next += _every;
        output.WriteLine($"  injected fault: {kind} ({taken} connection{(taken == 1 ? string.Empty : "s")})");
        return kind;
    }

    /// <summary>One summary line: how many faults went in, or null when none were asked for.</summary>
    public string? Summary() =>
        _kinds.Count == 0
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"faults: {Injected} injected ({string.Join(", ", _kinds.Distinct())} every {_every.TotalSeconds:0.#} s){(NotTaken > 0 ? $", {NotTaken} taken by no connection" : string.Empty)}");
}
