namespace Velox.MarketData.Replay;

/// <summary>Builds the errors-by-reason list of replay-check reports from a venue's error enum.</summary>
public static class ReplayErrors
{
    /// <summary>
    /// The non-zero counts of every reason but the enum's zero value (no error), in value order,
    /// named as the enum names them.
    /// </summary>
    public static List<KeyValuePair<string, long>> ByReason<TReason>(Func<TReason, long> count)
        where TReason : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(count);
        var list = new List<KeyValuePair<string, long>>();
        foreach (var reason in Enum.GetValues<TReason>())
        {
            var n = EqualityComparer<TReason>.Default.Equals(reason, default) ? 0 : count(reason);
            if (n > 0)
            {
                list.Add(new(reason.ToString(), n));
            }
        }

        return list;
    }
}
