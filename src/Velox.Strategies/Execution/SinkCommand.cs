using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Trading.Orders;

namespace Velox.Strategies.Execution;

/// <summary>One command as a dry-run sink recorded it (blittable; no strings).</summary>
public readonly record struct SinkCommand(
    SinkCommandKind Kind,
    long ClientOrderId,
    InstrumentId Instrument,
    Side Side,
    OrderType Type,
    TimeInForce TimeInForce,
    Price Price,
    Quantity Quantity,
    long TimeNanos);
