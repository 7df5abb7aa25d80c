namespace Velox.Host;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("velox: no commands yet");
        return 2;
    }
}
