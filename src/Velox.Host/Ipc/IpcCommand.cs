using Velox.Host.Cli;

namespace Velox.Host.Ipc;

/// <summary>velox ipc stat: inspection of an IPC directory.</summary>
public static class IpcCommand
{
    private const string Usage = "usage: velox ipc stat [--dir D]";

    /// <summary>Entry point; <paramref name="args"/> are the arguments after "ipc".</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Entry point writing to the given streams (tests).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length > 0 && args[0] == "stat")
        {
            return IpcStatCommand.Run(args[1..], output, error);
        }

        error.WriteLine(Usage);
        return ExitCodes.Usage;
    }
}
