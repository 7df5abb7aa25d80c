namespace Velox.Host.Config;

/// <summary>A field whose effective value does not come from the defaults, and where it comes from.</summary>
/// <param name="Path">Dotted field path ("risk.maxPosition").</param>
/// <param name="Value">The value as JSON text, "***" for secrets.</param>
/// <param name="Source">"file PATH" or "env NAME".</param>
public sealed record ConfigOverride(string Path, string Value, string Source)
{
    public override string ToString() => $"{Path} = {Value}  ({Source})";
}
