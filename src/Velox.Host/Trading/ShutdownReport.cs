namespace Velox.Host.Trading;

/// <summary>
/// The shutdown of a trading run: orders open when the strategy stopped, how many of them the venue confirmed
/// cancelled within the wait, how many orders were still open after it, and whether the cancel-all went out.
/// </summary>
public sealed record ShutdownReport(int OpenAtStop, int Cancelled, int StillOpen, bool CancelAllSent);
