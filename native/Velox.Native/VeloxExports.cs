using System.Runtime.InteropServices;

namespace Velox.Native;

/// <summary>
/// The C entry points (velox.h). Every entry point checks its pointers and catches every exception:
/// nothing managed crosses the ABI, errors come back as <see cref="NativeStatus"/> codes.
/// </summary>
public static unsafe class VeloxExports
{
    /// <summary>velox_version: a static NUL-terminated UTF-8 string; never free it.</summary>
    [UnmanagedCallersOnly(EntryPoint = "velox_version")]
    public static byte* Version()
    {
        // A u8 literal lives in the image's read-only data, so the pointer stays valid for the process.
        fixed (byte* text = "velox 0.1.0 (abi 1)\0"u8)
        {
            return text;
        }
    }

    /// <summary>velox_engine_create: a book engine for <paramref name="venue"/> (NUL-terminated, e.g. "bitfinex").</summary>
    [UnmanagedCallersOnly(EntryPoint = "velox_engine_create")]
    public static int EngineCreate(byte* venue, EngineHandle** engine)
    {
        if (venue is null || engine is null)
        {
            return NativeStatus.NullArgument;
        }

        *engine = null;
        try
        {
            var created = BookEngine.Create(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(venue));
            if (created is null)
            {
                return NativeStatus.UnknownVenue;
            }

            *engine = EngineHandle.Allocate(created);
            return NativeStatus.Ok;
        }
        catch (Exception)
        {
            return NativeStatus.Internal;
        }
    }

    /// <summary>velox_engine_destroy: frees the engine; the handle is invalid afterwards.</summary>
    [UnmanagedCallersOnly(EntryPoint = "velox_engine_destroy")]
    public static int EngineDestroy(EngineHandle* engine)
    {
        try
        {
            return engine is null ? NativeStatus.NullArgument
                : EngineHandle.Release(engine) ? NativeStatus.Ok
                : NativeStatus.InvalidHandle;
        }
        catch (Exception)
        {
            return NativeStatus.Internal;
        }
    }

    /// <summary>velox_feed: one received frame; returns the frame outcome (&gt;= 0) or an error (&lt; 0).</summary>
    [UnmanagedCallersOnly(EntryPoint = "velox_feed")]
    public static int Feed(EngineHandle* engine, byte* data, nuint length, long receiveNanos)
    {
        try
        {
            var target = EngineHandle.Resolve(engine);
            if (target is null)
            {
                return engine is null ? NativeStatus.NullArgument : NativeStatus.InvalidHandle;
            }

            if (data is null && length != 0)
            {
                return NativeStatus.NullArgument;
            }

            if (length > int.MaxValue)
            {
                return NativeStatus.InvalidArgument;
            }

            return target.Feed(new ReadOnlySpan<byte>(data, (int)length), receiveNanos);
        }
        catch (Exception)
        {
            return NativeStatus.Internal;
        }
    }

    /// <summary>velox_get_top_of_book: best bid and ask of the book of <paramref name="symbol"/> (NUL-terminated, e.g. "tXRPBTC").</summary>
    [UnmanagedCallersOnly(EntryPoint = "velox_get_top_of_book")]
    public static int TopOfBook(EngineHandle* engine, byte* symbol, NativeTopOfBook* top)
    {
        try
        {
            var target = EngineHandle.Resolve(engine);
            if (target is null)
            {
                return engine is null ? NativeStatus.NullArgument : NativeStatus.InvalidHandle;
            }

            if (symbol is null || top is null)
            {
                return NativeStatus.NullArgument;
            }

            return target.ReadTop(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(symbol), out *top);
        }
        catch (Exception)
        {
            return NativeStatus.Internal;
        }
    }

    /// <summary>velox_get_stats: copies the engine counters into <paramref name="stats"/>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "velox_get_stats")]
    public static int Stats(EngineHandle* engine, NativeStats* stats)
    {
        try
        {
            var target = EngineHandle.Resolve(engine);
            if (target is null)
            {
                return engine is null ? NativeStatus.NullArgument : NativeStatus.InvalidHandle;
            }

            if (stats is null)
            {
                return NativeStatus.NullArgument;
            }

            target.ReadStats(out *stats);
            return NativeStatus.Ok;
        }
        catch (Exception)
        {
            return NativeStatus.Internal;
        }
    }
}
