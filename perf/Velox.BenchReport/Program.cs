namespace Velox.BenchReport;

internal static class Program
{
    private static int Main(string[] args) => BenchReportCommand.Run(args, Console.Out, Console.Error);
}
