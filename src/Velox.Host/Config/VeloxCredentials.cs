namespace Velox.Host.Config;

/// <summary>The venue credentials found in the environment and the credentials file.</summary>
public sealed class VeloxCredentials
{
    private readonly Dictionary<string, VenueCredentials> _byVenue;

    internal VeloxCredentials(Dictionary<string, VenueCredentials> byVenue) => _byVenue = byVenue;

    /// <summary>No credentials at all.</summary>
    public static VeloxCredentials None { get; } = new([]);

    /// <summary>Venues that have credentials, in <see cref="ConfigSchema.KnownVenues"/> order.</summary>
    public IReadOnlyList<VenueCredentials> All
    {
        get
        {
            var all = new List<VenueCredentials>();
            foreach (var venue in ConfigSchema.KnownVenues)
            {
                if (_byVenue.TryGetValue(venue, out var credentials))
                {
                    all.Add(credentials);
                }
            }

            return all;
        }
    }

    public bool TryGet(string venue, out VenueCredentials credentials) => _byVenue.TryGetValue(venue, out credentials!);

    public override string ToString() => _byVenue.Count == 0 ? "no credentials" : string.Join("; ", All);
}
