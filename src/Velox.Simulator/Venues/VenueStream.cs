namespace Velox.Simulator.Venues;

/// <summary>What a frame of the shared exchange log carries.</summary>
public enum VenueStream : byte
{
    /// <summary>Book changes of one instrument since its previous depth frame.</summary>
    Depth,

    /// <summary>One public trade.</summary>
    Trade,
}
