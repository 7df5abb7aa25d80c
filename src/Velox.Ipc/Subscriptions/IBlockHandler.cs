namespace Velox.Ipc.Subscriptions;

/// <summary>Receives raw blocks of whole frames from <see cref="Image.BlockPoll{THandler}"/>; implement on a struct.</summary>
public interface IBlockHandler
{
    /// <summary>
    /// Complete frames exactly as they sit in the term (headers, payloads, alignment and padding frames),
    /// starting at stream position <paramref name="position"/>; valid only during the call.
    /// </summary>
    void OnBlock(ReadOnlySpan<byte> block, long position);
}
