namespace Velox.Venues.Bitfinex.Trading.Parsing;

/// <summary>Receives the parsed content of account-channel messages (implemented by structs, so calls inline).</summary>
public interface IBitfinexAccountHandler
{
    void OnNotification(in BitfinexNotification notification);

    /// <summary>One order of an <c>os</c> snapshot, or an <c>on</c>/<c>ou</c>/<c>oc</c> update.</summary>
    void OnOrder(AccountMessageKind kind, in BitfinexOrder order);

    /// <summary>The <c>os</c> snapshot ended after <paramref name="count"/> orders.</summary>
    void OnOrderSnapshotEnd(int count);

    void OnTrade(in BitfinexTrade trade, bool update);

    void OnWallet(in BitfinexWalletEntry wallet, bool snapshot);
}
