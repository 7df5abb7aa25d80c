using System.Text;

namespace Velox.Simulator.Matching;

/// <summary>An account's wallets, nonce and open orders (only touched under the engine's lock).</summary>
internal sealed class AccountState
{
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
}
