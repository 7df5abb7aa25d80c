using System.Text;
using Velox.Venues.Bitfinex.Parsing;
using Velox.Venues.Bitfinex.Trading.Parsing;

namespace Velox.Venues.Bitfinex.Trading;

/// <summary>
/// Balances from the <c>ws</c>/<c>wu</c> streams, for reconciliation: one row per (wallet type, currency),
/// amounts as fixed point at <see cref="Scale"/>. Preallocated; a full table counts the entry as dropped.
/// </summary>
public sealed class BitfinexWallets
{
    /// <summary>Decimal places kept (Bitfinex balances have at most 8).</summary>
    public const int Scale = 8;

    /// <summary>Available balance when the server sent null (no fresh value).</summary>
    public const long Unknown = long.MinValue;

    private readonly byte[] _types;
    private readonly ulong[] _currencies;
    private readonly long[] _balances;
    private readonly long[] _available;
    private int _count;

    public BitfinexWallets(int capacity = 64)
    {
        _types = new byte[capacity];
        _currencies = new ulong[capacity];
        _balances = new long[capacity];
        _available = new long[capacity];
    }

    /// <summary>Rows held.</summary>
    public int Count => _count;

    /// <summary>Entries refused: table full, currency longer than 8 bytes, or a balance that is not a number.</summary>
    public long Dropped { get; private set; }

    /// <summary>Applies one wallet entry (snapshot row or update).</summary>
    public bool Apply(in BitfinexWalletEntry entry)
    {
        var type = TypeOf(entry.WalletType);
        if (!TryPack(entry.Currency, out var currency)
            || !BitfinexFrameParser.TryParseFixedTruncating(entry.Balance, Scale, out var balance, out _))
        {
            Dropped++;
            return false;
        }

        var available = Unknown;
        if (!entry.Available.IsEmpty && !BitfinexFrameParser.TryParseFixedTruncating(entry.Available, Scale, out available, out _))
        {
            Dropped++;
            return false;
        }

        var row = Find(type, currency);
        if (row < 0)
        {
            if (_count == _types.Length)
            {
                Dropped++;
                return false;
            }

            row = _count++;
            _types[row] = type;
            _currencies[row] = currency;
        }

        _balances[row] = balance;
        _available[row] = available;
        return true;
    }

    /// <summary>Balance and available balance (raw at <see cref="Scale"/>; available may be <see cref="Unknown"/>).</summary>
    public bool TryGet(string walletType, string currency, out long balance, out long available)
    {
        balance = 0;
        available = Unknown;
        if (!TryPack(Encoding.ASCII.GetBytes(currency), out var packed))
        {
            return false;
        }

        var row = Find(TypeOf(Encoding.ASCII.GetBytes(walletType)), packed);
        if (row < 0)
        {
            return false;
        }

        balance = _balances[row];
        available = _available[row];
        return true;
    }

    private int Find(byte type, ulong currency)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_types[i] == type && _currencies[i] == currency)
            {
                return i;
            }
        }

        return -1;
    }

    private static byte TypeOf(ReadOnlySpan<byte> walletType) => walletType switch
    {
        _ when walletType.SequenceEqual("exchange"u8) => 1,
        _ when walletType.SequenceEqual("margin"u8) => 2,
        _ when walletType.SequenceEqual("funding"u8) => 3,
        _ => 0,
    };

    private static bool TryPack(ReadOnlySpan<byte> currency, out ulong packed)
    {
        packed = 0;
        if (currency.IsEmpty || currency.Length > 8)
        {
            return false;
        }

        for (var i = 0; i < currency.Length; i++)
        {
            packed |= (ulong)currency[i] << (8 * i);
        }

        return true;
    }
}
