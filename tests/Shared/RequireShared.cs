namespace Velox.Testing;

/// <summary>Test-side access to the shared recordings: Inconclusive, with the reason, when absent.</summary>
public static class RequireShared
{
    public static string File(string relativePath)
    {
        var path = SharedData.TryFind(relativePath, out var reason);
        if (path is null)
        {
            Assert.Inconclusive(reason);
        }

        return path!;
    }
}
