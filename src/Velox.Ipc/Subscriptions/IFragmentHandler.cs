namespace Velox.Ipc.Subscriptions;

/// <summary>Receives fragments from <see cref="Image.Poll{THandler}"/>; implement on a struct so the call inlines.</summary>
public interface IFragmentHandler
{
    /// <summary>A DATA fragment; <paramref name="payload"/> points into the log and is valid only during the call.</summary>
    void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header);
}
