using Payments.Domain.State;
using Payments.Aws.Projections;
using Payments.Projections.ReadModel;
using Payments.Projections.Tests.Sqlite;
using Payments.Projections.Tests.Support;

namespace Payments.Projections.Tests.DynamoDb;

public sealed class DynamoDbPaymentReadModelTests(DynamoDbPaymentsFixture fixture) : IClassFixture<DynamoDbPaymentsFixture>
{
    private DynamoDbPaymentReadModel Model => fixture.Model;

    [Fact]
    public async Task Saved_row_reads_back_with_exact_money_and_times()
    {
        var row = Row(1, Client(), PaymentStatus.Completed) with
        {
            Amount = 0.10m, StablecoinAmount = 123456789.123456m, OnRampTxId = "on-1", OffRampTxId = "off-1",
            PayoutAmount = 1.005m, ProcessedAt = PaymentStreams.Epoch.AddTicks(1234567), ErrorMessage = null,
        };

        Assert.True(await Model.Save(row, 0, CancellationToken.None));

        var found = await Model.Find(row.PaymentId, CancellationToken.None);
        Assert.Equal(row, found);
        Assert.Equal(123456789.123456m, found!.StablecoinAmount);

        // DynamoDB N keeps the value exactly but not trailing zeros; presentation formats by the currency's minor units.
        Assert.Equal("0.1", found.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Unknown_payment_is_not_found()
    {
        Assert.Null(await Model.Find(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task Older_or_duplicate_state_never_overwrites_a_newer_one()
    {
        var row = Row(2, Client(), PaymentStatus.Pending);
        Assert.True(await Model.Save(row, 0, CancellationToken.None));
        Assert.True(await Model.Save(row with { Version = 2, Status = PaymentStatus.Processing }, 1, CancellationToken.None));

        Assert.False(await Model.Save(row with { Version = 2, Status = PaymentStatus.Failed }, 1, CancellationToken.None));
        Assert.False(await Model.Save(row, 0, CancellationToken.None));
        Assert.Equal(PaymentStatus.Processing, (await Model.Find(row.PaymentId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task List_pages_a_clients_payments_newest_first_with_an_optional_status()
    {
        var client = Client();
        for (var i = 11; i <= 17; i++)
        {
            await Model.Save(Row(i, i == 14 ? Client() : client, i % 2 == 0 ? PaymentStatus.Completed : PaymentStatus.Pending), 0, CancellationToken.None);
        }

        var first = await Model.List(new PaymentQuery(client, null, 4, null), CancellationToken.None);
        var second = await Model.List(new PaymentQuery(client, null, 4, first.NextAfter), CancellationToken.None);
        var completed = await Model.List(new PaymentQuery(client, PaymentStatus.Completed, 1, null), CancellationToken.None);
        var completedNext = await Model.List(new PaymentQuery(client, PaymentStatus.Completed, 1, completed.NextAfter), CancellationToken.None);

        Assert.Equal([17, 16, 15, 13], first.Items.Select(Index));
        Assert.Equal([12, 11], second.Items.Select(Index));
        Assert.Null(second.NextAfter);
        Assert.Equal([16], completed.Items.Select(Index));
        Assert.Equal([12], completedNext.Items.Select(Index));
        Assert.Null(completedNext.NextAfter);
    }

    [Fact]
    public async Task Idempotency_key_index_finds_the_payment()
    {
        var row = Row(30, Client(), PaymentStatus.Pending) with { IdempotencyKey = "idem-" + Guid.NewGuid() };
        await Model.Save(row, 0, CancellationToken.None);

        Assert.Equal([row.PaymentId], await Model.FindByIdempotencyKey(row.IdempotencyKey, CancellationToken.None));
    }

    private static string Client() => "client-" + Guid.NewGuid().ToString("N")[..8];

    private static PaymentRecord Row(int index, string client, PaymentStatus status) => SqlitePaymentReadModelTests.Row(index, client, status);

    private static int Index(PaymentRecord r) => Enumerable.Range(0, 100).First(i => PaymentStreams.Id(i) == r.PaymentId);
}
