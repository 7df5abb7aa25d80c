using System.Text;

namespace Velox.Simulator.Matching;

/// <summary>An account's wallets, nonce, open orders and recent history (only touched under the engine's lock).</summary>
internal sealed class AccountState
{
    /// <summary>Closed orders and fills each account remembers for the history endpoints.</summary>
    public const int HistoryCapacity = 4096;

    public AccountState(SimAccount account, int currencyCount)
    {
        Account = account;
        Secret = Encoding.UTF8.GetBytes(account.ApiSecret);
        Balance = new long[currencyCount];
        Reserved = new long[currencyCount];
    }

    public SimAccount Account { get; }

    public byte[] Secret { get; }

    public long[] Balance { get; }

    public long[] Reserved { get; }

    public long LastNonce { get; set; }

    public List<SimOrder> Open { get; } = [];

    public List<IExecutionSink> Sinks { get; } = [];

    /// <summary>Orders as they closed (executed, cancelled, expired), oldest first.</summary>
    public HistoryRing<SimOrderSnapshot> Closed { get; } = new(HistoryCapacity);

    /// <summary>The account's fills (<see cref="ExecutionKind.Fill"/> events), oldest first.</summary>
    public HistoryRing<ExecutionEvent> Fills { get; } = new(HistoryCapacity);
}
