using System.Text;

namespace Velox.Admin.Metrics;

/// <summary>Label values from code names (registration time only).</summary>
public static class LabelText
{
    /// <summary>"DuplicateFill" → "duplicate_fill".</summary>
    public static string Snake(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c))
            {
                if (i > 0)
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
