using System.Text;
using Velox.Venues.Bitfinex.Trading.Parsing;

namespace Velox.Venues.Bitfinex.Tests.Trading;

public sealed class AccountParserTests
{
    private struct Capture : IBitfinexAccountHandler
    {
        public int Notifications;
        public int Orders;
        public int SnapshotEnds;
        public int Trades;
        public int Wallets;
        public long LastId;
        public long LastCid;
        public BitfinexOrderStatus LastStatus;
        public string? LastText;

        public void OnNotification(in BitfinexNotification n)
        {
            Notifications++;
            LastText = Encoding.UTF8.GetString(n.Type) + "|" + Encoding.UTF8.GetString(n.Status) + "|" + n.HasOrder;
            LastId = n.HasOrder ? n.Order.Id : 0;
        }

        public void OnOrder(AccountMessageKind kind, in BitfinexOrder order)
        {
            Orders++;
            LastId = order.Id;
            LastCid = order.Cid;
            LastStatus = order.Status;
            LastText = $"{kind}|{Encoding.UTF8.GetString(order.Symbol)}|{Encoding.UTF8.GetString(order.Amount)}|{Encoding.UTF8.GetString(order.Type)}|{Encoding.UTF8.GetString(order.Price)}|{order.FieldCount}";
        }

        public void OnOrderSnapshotEnd(int count) => SnapshotEnds += count + 1;

        public void OnTrade(in BitfinexTrade trade, bool update)
        {
            Trades++;
            LastId = trade.Id;
            LastText = $"{update}|{trade.OrderId}|{Encoding.UTF8.GetString(trade.ExecutedAmount)}|{Encoding.UTF8.GetString(trade.ExecutedPrice)}|{trade.Maker}|{Encoding.UTF8.GetString(trade.Fee)}|{Encoding.UTF8.GetString(trade.FeeCurrency)}";
        }

        public void OnWallet(in BitfinexWalletEntry wallet, bool snapshot)
        {
            Wallets++;
            LastText = $"{snapshot}|{Encoding.UTF8.GetString(wallet.WalletType)}|{Encoding.UTF8.GetString(wallet.Currency)}|{Encoding.UTF8.GetString(wallet.Balance)}|{wallet.Available.IsEmpty}";
        }
    }

    private static Capture Parse(string frame, AccountMessageKind expectedKind)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        Assert.That(BitfinexAccountParser.IsAccountFrame(bytes), Is.True);
        Assert.That(BitfinexAccountParser.TrySplit(bytes, out var split, out var error), Is.True, error.ToString());
        Assert.That(split.Kind, Is.EqualTo(expectedKind));
        var capture = default(Capture);
        Assert.That(BitfinexAccountParser.TryDispatch(in split, ref capture, out error), Is.True, error.ToString());
        return capture;
    }

    [Test]
    public void DocumentationFramesParse()
    {
        var te = Parse(DocFrames.TradeExecuted, AccountMessageKind.TradeExecuted);
        Assert.That(te.LastText, Is.EqualTo("False|34938060782|-0.2|153.57|-1||"));
        Assert.That(te.LastId, Is.EqualTo(402088407));
        var tu = Parse(DocFrames.TradeUpdate, AccountMessageKind.TradeUpdate);
        Assert.That(tu.LastText, Is.EqualTo("True|34938060782|-0.2|153.57|-1|-0.061668|USD"));

        var os = Parse(DocFrames.OrderSnapshot, AccountMessageKind.OrderSnapshot);
        Assert.That((os.Orders, os.SnapshotEnds), Is.EqualTo((1, 2)));
        Assert.That(os.LastText, Is.EqualTo("OrderSnapshot|tETHUSD|0.201104|EXCHANGE LIMIT|120|32"));
        Assert.That((os.LastId, os.LastCid, os.LastStatus), Is.EqualTo((34930659963L, 1574955083558L, BitfinexOrderStatus.Active)));

        Assert.That(Parse(DocFrames.OrderClose, AccountMessageKind.OrderClose).LastStatus, Is.EqualTo(BitfinexOrderStatus.Canceled));
        Assert.That(Parse(DocFrames.OrderNew, AccountMessageKind.OrderNew).LastText, Is.EqualTo("OrderNew|tETHUSD|-2.5|LIMIT|230|32"));
        Assert.That(Parse(DocFrames.OrderUpdate, AccountMessageKind.OrderUpdate).LastId, Is.EqualTo(1185815100));

        var funding = Parse(DocFrames.FundingNotification, AccountMessageKind.Notification);
        Assert.That(funding.LastText, Is.EqualTo("fon-req|SUCCESS|True"));
        var onReq = Parse(DocFrames.OrderNewRequestNotification, AccountMessageKind.Notification);
        Assert.That(onReq.LastText, Is.EqualTo("on-req|SUCCESS|True"));
        Assert.That(onReq.LastId, Is.EqualTo(1185815098));

        var ws = Parse(DocFrames.WalletSnapshot, AccountMessageKind.WalletSnapshot);
        Assert.That(ws.LastText, Is.EqualTo("True|exchange|SAN|19.76|True"));
        var wu = Parse(DocFrames.WalletUpdate, AccountMessageKind.WalletUpdate);
        Assert.That(wu.LastText, Is.EqualTo("False|exchange|BTC|1.61169184|True"));

        Assert.That(Parse("""[0,"hb"]""", AccountMessageKind.Heartbeat).Orders, Is.Zero);
        Assert.That(Parse("""[0,"ps",[]]""", AccountMessageKind.Other).Orders, Is.Zero);
    }

    [Test]
    public void TrailingSequenceNumbersAreSplitOff()
    {
        var bytes = Encoding.UTF8.GetBytes("""[0,"te",[1,"tBTCUSD",1,2,0.1,100,"EXCHANGE LIMIT",100,1,null,null,5],4711,12]""");
        Assert.That(BitfinexAccountParser.TrySplit(bytes, out var split, out _), Is.True);
        Assert.That((split.TrailingCount, split.Trailing0, split.Trailing1), Is.EqualTo((2, 4711L, 12L)));
        Assert.That(BitfinexAccountParser.TrySplit("""[0,"hb",4712,13]"""u8, out split, out _), Is.True);
        Assert.That((split.Kind, split.TrailingCount, split.Trailing0), Is.EqualTo((AccountMessageKind.Heartbeat, 2, 4712L)));

        // Three numbers take the forward path; whitespace is tolerated on both paths.
        Assert.That(BitfinexAccountParser.TrySplit("""[0,"os",[[1]],7,8,9]"""u8, out split, out _), Is.True);
        Assert.That((split.TrailingCount, split.Trailing0, split.Trailing1, split.Payload.Length), Is.EqualTo((3, 7L, 8L, 5)));
        Assert.That(BitfinexAccountParser.TrySplit("[0, \"ws\", [ ] , 7 ]  "u8, out split, out _), Is.True);
        Assert.That((split.TrailingCount, split.Trailing0, split.Payload.Length), Is.EqualTo((1, 7L, 3)));
        Assert.That(BitfinexAccountParser.TrySplit("""[0,"ws",[],7.5]"""u8, out _, out _), Is.False);
    }

    [TestCase("ACTIVE", BitfinexOrderStatus.Active)]
    [TestCase("EXECUTED @ 107.6(-0.2)", BitfinexOrderStatus.Executed)]
    [TestCase("EXECUTED @ 7804.6(0.01): was PARTIALLY FILLED @ 7804.6(0.005)", BitfinexOrderStatus.Executed)]
    [TestCase("PARTIALLY FILLED @ 107.6(-0.1)", BitfinexOrderStatus.PartiallyFilled)]
    [TestCase("CANCELED", BitfinexOrderStatus.Canceled)]
    [TestCase("CANCELED was: PARTIALLY FILLED @ 107.6(-0.1)", BitfinexOrderStatus.Canceled)]
    [TestCase("POSTONLY CANCELED", BitfinexOrderStatus.PostOnlyCanceled)]
    [TestCase("IOC CANCELED", BitfinexOrderStatus.IocCanceled)]
    [TestCase("FOK CANCELED", BitfinexOrderStatus.FokCanceled)]
    [TestCase("INSUFFICIENT BALANCE (U1)", BitfinexOrderStatus.InsufficientBalance)]
    [TestCase("INSUFFICIENT MARGIN was: PARTIALLY FILLED @ 107.6(-0.1)", BitfinexOrderStatus.InsufficientMargin)]
    [TestCase("RSN_DUST", BitfinexOrderStatus.Dust)]
    [TestCase("RSN_PAUSE", BitfinexOrderStatus.Paused)]
    [TestCase("SOMETHING NEW", BitfinexOrderStatus.Unknown)]
    public void StatusStringsClassifyByPrefix(string status, BitfinexOrderStatus expected) =>
        Assert.That(BitfinexAccountParser.ClassifyStatus(Encoding.ASCII.GetBytes(status)), Is.EqualTo(expected));

    [TestCase("Invalid order: not enough exchange balance for 0.5 BTCUSD at 7800", BitfinexRejectCode.InsufficientBalance)]
    [TestCase("Invalid order: minimum size for BTC/USD is 0.0001", BitfinexRejectCode.MinimumSize)]
    [TestCase("Order not found.", BitfinexRejectCode.OrderNotFound)]
    [TestCase("ratelimit: error", BitfinexRejectCode.RateLimited)]
    [TestCase("Invalid price.", BitfinexRejectCode.InvalidPrice)]
    [TestCase("Invalid order: symbol unknown", BitfinexRejectCode.InvalidOrder)]
    [TestCase("internal error", BitfinexRejectCode.Unknown)]
    public void ErrorTextsMapToRejectCodes(string text, BitfinexRejectCode expected) =>
        Assert.That(BitfinexAccountParser.ClassifyError(Encoding.ASCII.GetBytes(text)), Is.EqualTo(expected));

    [TestCase("""[0,"on",[1,null""")]
    [TestCase("""[0,"te",[1,"tBTCUSD",3]]""")]
    [TestCase("""[0,"on",[1.5,null,3]]""")]
    [TestCase("""[0,"n",[1,"on-req"]]""")]
    public void MalformedPayloadsAreRefusedWithoutThrowing(string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        var capture = default(Capture);
        var ok = BitfinexAccountParser.TrySplit(bytes, out var split, out _) && BitfinexAccountParser.TryDispatch(in split, ref capture, out _);
        Assert.That(ok, Is.False);
    }
}
