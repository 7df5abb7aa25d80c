namespace Velox.Simulator.Bitfinex;

/// <summary>Public channels the simulator serves.</summary>
public enum ChannelKind
{
    None,
    Book,
    Trades,
    Ticker,
}
