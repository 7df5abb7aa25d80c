using System.Text;
using Velox.Venues.Binance.Trading;

namespace Velox.Venues.Binance.Tests.Trading;

public sealed class ParserTests
{
    private struct Capture : IBinanceAccountHandler
    {
        public int Responses;
        public int Executions;
        public int Balances;
        public int Others;
        public byte Kind;
        public long Number;
        public int Status;
        public long OrderId;
        public string? OrderStatus;
        public string? Executed;
        public int ErrorCode;
        public string? ErrorMessage;
        public int OrdersCount;
        public int OrdersLimit;
        public int WeightCount;
        public string? ClientId;
        public string? OrigClientId;
        public string? X;
        public string? Status2;
        public string? LastQty;
        public string? LastPrice;
        public string? Commission;
        public string? CommissionAsset;
        public long TradeId;
        public long VenueOrderId;
        public bool Maker;
        public string? LastAsset;

        public void OnResponse(in BinanceResponse r)
        {
            Responses++;
            Kind = r.RequestKind;
            Number = r.RequestNumber;
            Status = r.Status;
            OrderId = r.OrderId;
            OrderStatus = Encoding.ASCII.GetString(r.OrderStatus);
            Executed = Encoding.ASCII.GetString(r.ExecutedQuantity);
            ErrorCode = r.ErrorCode;
            ErrorMessage = Encoding.UTF8.GetString(r.ErrorMessage);
            OrdersCount = r.OrdersCount;
            OrdersLimit = r.OrdersLimit;
            WeightCount = r.WeightCount;
        }

        public void OnExecution(in BinanceExecution e)
        {
            Executions++;
            ClientId = Encoding.ASCII.GetString(e.ClientOrderId);
            OrigClientId = Encoding.ASCII.GetString(e.OriginalClientOrderId);
            X = Encoding.ASCII.GetString(e.ExecutionType);
            Status2 = Encoding.ASCII.GetString(e.OrderStatus);
            LastQty = Encoding.ASCII.GetString(e.LastQuantity);
            LastPrice = Encoding.ASCII.GetString(e.LastPrice);
            Commission = Encoding.ASCII.GetString(e.Commission);
            CommissionAsset = Encoding.ASCII.GetString(e.CommissionAsset);
            TradeId = e.TradeId;
            VenueOrderId = e.OrderId;
            Maker = e.Maker;
        }

        public void OnBalance(ReadOnlySpan<byte> asset, ReadOnlySpan<byte> free, ReadOnlySpan<byte> locked)
        {
            Balances++;
            LastAsset = Encoding.ASCII.GetString(asset) + "=" + Encoding.ASCII.GetString(free) + "/" + Encoding.ASCII.GetString(locked);
        }

        public void OnOtherEvent(ReadOnlySpan<byte> eventType) => Others++;
    }

    [Test]
    public void PlaceAckResponseGivesOrderIdAndRateLimits()
    {
        var c = Parse(DocMessages.PlaceAck(42, 12569099453));
        Assert.That((c.Responses, (char)c.Kind, c.Number, c.Status, c.OrderId), Is.EqualTo((1, 'p', 42L, 200, 12569099453L)));
        Assert.That((c.OrdersCount, c.OrdersLimit, c.WeightCount), Is.EqualTo((12, 50, 3)), "the 10 s ORDERS window is the tighter one");
    }

    [Test]
    public void ErrorResponseGivesCodeAndMessage()
    {
        var c = Parse(DocMessages.Error("p42", 400, -2010, "Account has insufficient balance for requested action."));
        Assert.That((c.Status, c.ErrorCode, c.ErrorMessage), Is.EqualTo((400, -2010, "Account has insufficient balance for requested action.")));
        Assert.That(BinanceRejectCodes.FromVenueError(-2010, 400), Is.EqualTo(BinanceRejectCode.VenueNewOrderRejected));
        Assert.That(BinanceRejectCodes.FromVenueError(-1013, 400), Is.EqualTo(BinanceRejectCode.VenueFilterFailure));
        Assert.That(BinanceRejectCodes.FromVenueError(0, 429), Is.EqualTo(BinanceRejectCode.VenueRateLimited));
        Assert.That(BinanceRejectCodes.FromVenueError(-9999, 400), Is.EqualTo(BinanceRejectCode.VenueError));
    }

    [Test]
    public void CancelReplaceResponsesGiveTheNewOrderIdOrTheError()
    {
        var ok = Parse(DocMessages.ReplaceOk(42, 0, 125690984230, 12569099453));
        Assert.That((ok.Status, ok.OrderId), Is.EqualTo((200, 12569099453L)), "the new order's id, not the cancelled one's");
        var failed = Parse(DocMessages.ReplaceFailed(42));
        Assert.That((failed.Status, failed.ErrorCode, failed.ErrorMessage), Is.EqualTo((400, -2022, "Order cancel-replace failed.")));
    }

    [Test]
    public void StatusResponseSkipsAValueOfAnUnexpectedShapeAndKeepsTheFieldsAfterIt()
    {
        var c = Parse("""{"id":"q42","status":200,"result":{"status":{"odd":["x"]},"executedQty":"0.50000000","orderId":99}}""");
        Assert.That((c.Responses, (char)c.Kind, c.Number), Is.EqualTo((1, 'q', 42L)));
        Assert.That((c.OrderStatus, c.Executed, c.OrderId), Is.EqualTo((string.Empty, "0.50000000", 99L)), "status is no string: empty, and the object is skipped whole");
    }

    [Test]
    public void ExecutionReportFieldsAreDecoded()
    {
        var c = Parse(DocMessages.Execution("vx5", "TRADE", "PARTIALLY_FILLED", 4293153, "0.00100000", "52000.01000000", "0.05200001", "USDT", 77, maker: true, origClientId: ""));
        Assert.That(c.Executions, Is.EqualTo(1));
        Assert.That((c.ClientId, c.X, c.Status2, c.VenueOrderId, c.TradeId, c.Maker), Is.EqualTo(("vx5", "TRADE", "PARTIALLY_FILLED", 4293153L, 77L, true)));
        Assert.That((c.LastQty, c.LastPrice, c.Commission, c.CommissionAsset, c.OrigClientId), Is.EqualTo(("0.00100000", "52000.01000000", "0.05200001", "USDT", "")));
        var cancel = Parse(DocMessages.Execution("random123", "CANCELED", "CANCELED", 4293153, origClientId: "vx5"));
        Assert.That((cancel.ClientId, cancel.OrigClientId, cancel.CommissionAsset, cancel.TradeId), Is.EqualTo(("random123", "vx5", "", -1L)));
    }

    [Test]
    public void AccountPositionGivesEachBalanceAndOtherEventsAreNamed()
    {
        var c = Parse(DocMessages.AccountPosition);
        Assert.That((c.Balances, c.LastAsset), Is.EqualTo((2, "USDT=89.01995974/703.69807400")));
        Assert.That(Parse(DocMessages.BalanceUpdate).Others, Is.EqualTo(1));
    }

    [TestCase("")]
    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("{\"id\":\"p1\"}")]
    [TestCase("{\"id\":\"p1\",\"status\":\"x\"}")]
    [TestCase("{\"subscriptionId\":0,\"event\":{\"e\":\"executionReport\",\"x\":\"NEW\"}}")]
    [TestCase("{\"id\":\"p1\",\"status\":200,\"result\":{\"orderId\":")]
    public void MalformedMessagesAreRefused(string text)
    {
        var c = default(Capture);
        Assert.That(BinanceAccountParser.TryParse(Encoding.UTF8.GetBytes(text), ref c), Is.False);
        Assert.That(c.Executions, Is.Zero);
    }

    [Test]
    public void ParsingExecutionReportsAndResponsesAllocatesNothing()
    {
        var trade = Encoding.UTF8.GetBytes(DocMessages.Execution("vx5", "TRADE", "PARTIALLY_FILLED", 4293153, "0.00100000", "52000.01000000", "0.05200001", "USDT", 77));
        var ack = Encoding.UTF8.GetBytes(DocMessages.PlaceAck(42, 12569099453));
        var handler = new Counting();
        for (var pass = 0; pass < 2; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++)
            {
                if (BinanceAccountParser.TryParse(trade, ref handler) && BinanceAccountParser.TryParse(ack, ref handler))
                {
                    handler.Parsed++;
                }
            }

            if (pass == 1)
            {
                Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
            }
        }

        Assert.That(handler.Sum, Is.EqualTo(2 * 10_000 * (77 + 12569099453)));
        Assert.That(handler.Parsed, Is.EqualTo(2 * 10_000));
    }

    private static Capture Parse(string text)
    {
        var c = default(Capture);
        Assert.That(BinanceAccountParser.TryParse(Encoding.UTF8.GetBytes(text), ref c), Is.True, text);
        return c;
    }

    private struct Counting : IBinanceAccountHandler
    {
        public long Sum;
        public int Parsed;

        public void OnResponse(in BinanceResponse response) => Sum += response.OrderId;

        public void OnExecution(in BinanceExecution execution) => Sum += execution.TradeId;

        public void OnBalance(ReadOnlySpan<byte> asset, ReadOnlySpan<byte> free, ReadOnlySpan<byte> locked) => Sum++;

        public void OnOtherEvent(ReadOnlySpan<byte> eventType) => Sum++;
    }
}
