namespace Velox.Strategies.Execution;

/// <summary>Start-up check of an execution mode against what the gateway is (cold path).</summary>
public static class ExecutionModeCheck
{
    /// <summary>
    /// Paper mode only talks to the embedded simulator (a loopback endpoint). Live mode needs both the
    /// explicit <paramref name="liveConfirmed"/> flag and credentials. Dry run needs nothing. On failure
    /// <paramref name="error"/> says what is missing.
    /// </summary>
    public static bool TryValidate(ExecutionMode mode, bool isLoopback, bool hasCredentials, bool liveConfirmed, out string? error)
    {
        error = mode switch
        {
            ExecutionMode.DryRun => null,
            ExecutionMode.Paper when !isLoopback =>
                "paper mode sends orders to the embedded simulator only, but the gateway's endpoint is not on 127.0.0.1; use live mode for a real venue",
            ExecutionMode.Paper => null,
            ExecutionMode.Live when !liveConfirmed =>
                "live mode sends real orders: it must be confirmed explicitly (the live flag was not given)",
            ExecutionMode.Live when !hasCredentials =>
                "live mode needs API credentials for the venue, and none are loaded",
            ExecutionMode.Live => null,
            _ => $"unknown execution mode {(byte)mode}",
        };
        return error is null;
    }
}
