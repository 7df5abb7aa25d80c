using System.Runtime.InteropServices;

namespace Velox.Native;

/// <summary>
/// What a C <c>velox_engine*</c> points to: a magic word and a GCHandle to the <see cref="BookEngine"/>.
/// The magic lets every entry point reject a pointer that is not a live engine instead of
/// dereferencing a stale GCHandle.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct EngineHandle
{
    private const ulong LiveMagic = 0x564C_5845_4E47_494E; // "VLXENGIN"
    private const ulong DestroyedMagic = 0x564C_5844_4541_4421; // "VLXDEAD!"

    private ulong _magic;
    private nint _target;

    /// <summary>Allocates a handle for <paramref name="engine"/>.</summary>
    public static EngineHandle* Allocate(BookEngine engine)
    {
        var handle = (EngineHandle*)NativeMemory.Alloc((nuint)sizeof(EngineHandle));
        handle->_target = GCHandle.ToIntPtr(GCHandle.Alloc(engine));
        handle->_magic = LiveMagic;
        return handle;
    }

    /// <summary>The engine of a live handle, or null (NULL, destroyed or foreign pointer).</summary>
    public static BookEngine? Resolve(EngineHandle* handle) =>
        handle is null || handle->_magic != LiveMagic ? null : (BookEngine?)GCHandle.FromIntPtr(handle->_target).Target;

    /// <summary>
    /// Frees the engine. The 16-byte header is kept as a tombstone so that a second destroy or a call
    /// on a destroyed handle is reported as InvalidHandle rather than reading freed memory.
    /// </summary>
    public static bool Release(EngineHandle* handle)
    {
        if (handle is null || handle->_magic != LiveMagic)
        {
            return false;
        }

        handle->_magic = DestroyedMagic;
        GCHandle.FromIntPtr(handle->_target).Free();
        handle->_target = 0;
        return true;
    }
}
