namespace Velox.Host.Config;

/// <summary>
/// One configuration problem. <see cref="Path"/> is "$.a.b" for the shape of the file, "a.b" for an effective
/// value, "env NAME" for an environment variable. Messages about secret fields never contain their values.
/// </summary>
public sealed record ConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
