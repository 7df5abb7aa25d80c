using System.Diagnostics;
using System.Net.Sockets;
using Velox.Testing;

namespace Velox.Integration.Tests.Image;

/// <summary>
/// Runs the image recipe (tuning/image) and the host tools it needs; Inconclusive, with the reason, when a
/// tool, root or the Debian mirror is missing.
/// </summary>
internal static class ImageTools
{
    public const string MirrorHost = "deb.debian.org";

    public static string ImageDirectory => Path.Combine(SharedData.RepositoryRoot, "tuning", "image");

    public static string RequireTool(string name, string why)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
        if (path is null)
        {
            Assert.Inconclusive($"{name} not found on PATH: {why}");
        }

        return path!;
    }

    public static void RequireRoot(string why)
    {
        if (Environment.UserName != "root")
        {
            Assert.Inconclusive($"not running as root: {why}");
        }
    }

    /// <summary>Inconclusive when the Debian mirror does not accept a TCP connection within 5 s.</summary>
    public static void RequireMirror()
    {
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(MirrorHost, 80).Wait(TimeSpan.FromSeconds(5)))
            {
                Assert.Inconclusive($"the Debian mirror {MirrorHost}:80 did not answer within 5 s");
            }
        }
        catch (AggregateException e) when (e.InnerException is SocketException socket)
        {
            Assert.Inconclusive($"the Debian mirror {MirrorHost}:80 is unreachable: {socket.Message}");
        }
    }

    /// <summary>Runs a program to completion; fails the test when it outlives <paramref name="timeout"/>.</summary>
    public static (int Exit, string Output, string Error) Run(string program, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish within {timeout}");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The packages of tuning/image/packages.list (comments and blank lines dropped).</summary>
    public static IReadOnlyList<string> Packages() =>
        [.. File.ReadAllLines(Path.Combine(ImageDirectory, "packages.list"))
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.Length > 0)];

    /// <summary>Marks a failed mmdebstrap run Inconclusive when its output shows the mirror went away mid-run.</summary>
    public static void InconclusiveOnNetworkFailure(int exit, string error)
    {
        string[] networkSigns = ["Temporary failure resolving", "Could not connect", "Connection timed out", "Failed to fetch"];
        if (exit != 0 && networkSigns.FirstOrDefault(error.Contains) is { } sign)
        {
            Assert.Inconclusive($"the Debian mirror failed during the run ({sign}): {error[^Math.Min(error.Length, 400)..]}");
        }
    }
}
