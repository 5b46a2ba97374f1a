using Payments.Domain.State;
using Payments.Projections.ReadModel;
using Payments.Embedded.Projections;
using Payments.Projections.Tests.Support;

namespace Payments.Projections.Tests.Sqlite;

public sealed class SqlitePaymentReadModelTests : IDisposable
{
    private readonly SqliteFiles _files = new();
    private readonly SqlitePaymentReadModel _model;

    public SqlitePaymentReadModelTests() => _model = SqlitePaymentReadModel.Open(_files.Path(SqlitePaymentReadModel.DefaultFileName));

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Saved_row_reads_back_with_exact_money_and_times()
    {
        var row = Row(1, "client_a", PaymentStatus.Completed) with { Amount = 0.10m, StablecoinAmount = 123456789.123456m, PayoutAmount = 1.005m, ProcessedAt = PaymentStreams.Epoch.AddTicks(1234567) };
        await Save(row, 0);

        Assert.Equal(row, await _model.Find(row.PaymentId, CancellationToken.None));
        Assert.Equal("0.10", (await _model.Find(row.PaymentId, CancellationToken.None))!.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Unknown_payment_is_not_found()
    {
        Assert.Null(await _model.Find(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task Save_at_a_stale_version_writes_nothing()
    {
        var row = Row(1, "client_a", PaymentStatus.Pending);
        Assert.True(await Save(row, 0));
        Assert.True(await Save(row with { Version = 2, Status = PaymentStatus.Processing }, 1));

        Assert.False(await Save(row with { Version = 2, Status = PaymentStatus.Failed }, 1));
        Assert.False(await Save(row, 0));
        Assert.Equal(PaymentStatus.Processing, (await _model.Find(row.PaymentId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task List_pages_a_clients_payments_newest_first_with_an_optional_status()
    {
        for (var i = 1; i <= 7; i++)
        {
            await Save(Row(i, i == 4 ? "client_b" : "client_a", i % 2 == 0 ? PaymentStatus.Completed : PaymentStatus.Pending), 0);
        }

        var first = await _model.List(new PaymentQuery("client_a", null, 4, null), CancellationToken.None);
        var second = await _model.List(new PaymentQuery("client_a", null, 4, first.NextAfter), CancellationToken.None);
        var completed = await _model.List(new PaymentQuery("client_a", PaymentStatus.Completed, 10, null), CancellationToken.None);

        Assert.Equal([7, 6, 5, 3], first.Items.Select(Index));
        Assert.Equal([2, 1], second.Items.Select(Index));
        Assert.Null(second.NextAfter);
        Assert.Equal([6, 2], completed.Items.Select(Index));
    }

    internal static PaymentRecord Row(int index, string client, PaymentStatus status) => new(
        PaymentStreams.Id(index), client, "key-" + index, 10.50m + index, "EUR", "IBAN-SRC", "IBAN-DST", status,
        null, null, null, null, null, PaymentStreams.Epoch, PaymentStreams.Epoch.AddSeconds(index), null, 1);

    private static int Index(PaymentRecord r) => Enumerable.Range(0, 100).First(i => PaymentStreams.Id(i) == r.PaymentId);

    private async Task<bool> Save(PaymentRecord row, long expected)
    {
        await using var batch = _model.BeginBatch();
        var saved = await batch.Save(row, expected, CancellationToken.None);
        await batch.Commit(CancellationToken.None);
        return saved;
    }
}
