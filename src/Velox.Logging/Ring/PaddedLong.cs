using System.Runtime.InteropServices;

namespace Velox.Logging.Ring;

/// <summary>A long alone on its cache lines (64 bytes either side) so producers racing on it do not slow neighbours.</summary>
[StructLayout(LayoutKind.Explicit, Size = 136)]
internal struct PaddedLong
{
    [FieldOffset(64)]
    public long Value;
}
