namespace Velox.Host.Cli;

/// <summary>Process exit codes with one meaning each across all velox commands.</summary>
public static class ExitCodes
{
    /// <summary>Done; nothing mismatched.</summary>
    public const int Ok = 0;

    /// <summary>Ran to the end, but found mismatches, gaps or errors in what it checked.</summary>
    public const int Findings = 1;

    /// <summary>Bad command line, configuration or unreadable input: nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>A runtime failure (socket, simulator, internal error).</summary>
    public const int Failure = 3;
}
