using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Velox.Ipc.Publications;

/// <summary>Out-of-line throws for programming errors on the publication paths.</summary>
internal static class PublicationThrow
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ClaimTooLong(int length, int max) =>
        throw new ArgumentOutOfRangeException(nameof(length), length, $"claim length must be 0..{max}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MessageTooLong(int length, int max) =>
        throw new ArgumentOutOfRangeException(nameof(length), length, $"message length exceeds the maximum {max}");
}
