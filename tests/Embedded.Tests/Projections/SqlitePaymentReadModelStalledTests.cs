using Microsoft.Data.Sqlite;
using Payments.Domain.State;
using Payments.Embedded.Projections;
using Payments.Projections.ReadModel;
using Payments.TestServices;

namespace Payments.Embedded.Tests.Projections;

/// <summary>The read model as the sweeper's index of open payments, and a payments.db from before the index existed.</summary>
public sealed class SqlitePaymentReadModelStalledTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Find_stalled_returns_only_open_payments_idle_longer_than_the_threshold_longest_idle_first()
    {
        var model = Open();
        var pendingOld = await Save(model, PaymentStatus.Pending, Now.AddMinutes(-30));
        var processingOlder = await Save(model, PaymentStatus.Processing, Now.AddMinutes(-45));
        var processingJustOver = await Save(model, PaymentStatus.Processing, Now.AddMinutes(-10).AddTicks(-1));
        await Save(model, PaymentStatus.Processing, Now.AddMinutes(-10));
        await Save(model, PaymentStatus.Pending, Now.AddMinutes(-1));
        await Save(model, PaymentStatus.Completed, Now.AddHours(-2));
        await Save(model, PaymentStatus.Failed, Now.AddHours(-3));

        var stalled = await model.FindStalled(Now.AddMinutes(-10), 100, CancellationToken.None);

        Assert.Equal([processingOlder, pendingOld, processingJustOver], stalled);
    }

    [Fact]
    public async Task Find_stalled_returns_at_most_the_limit_taking_the_longest_idle()
    {
        var model = Open();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Save(model, PaymentStatus.Processing, Now.AddMinutes(-60 + i)));
        }

        var stalled = await model.FindStalled(Now, 3, CancellationToken.None);

        Assert.Equal(ids.Take(3), stalled);
    }

    [Fact]
    public async Task Payment_that_became_terminal_leaves_the_stalled_set()
    {
        var model = Open();
        var id = await Save(model, PaymentStatus.Processing, Now.AddHours(-1));
        Assert.Equal([id], await model.FindStalled(Now, 10, CancellationToken.None));

        await using (var batch = model.BeginBatch())
        {
            var row = (await batch.Load(id, CancellationToken.None))!;
            Assert.True(await batch.Save(row with { Status = PaymentStatus.Completed, Version = row.Version + 1 }, row.Version, CancellationToken.None));
            await batch.Commit(CancellationToken.None);
        }

        Assert.Empty(await model.FindStalled(Now, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Read_model_file_from_before_the_new_columns_opens_gains_them_and_keeps_its_rows()
    {
        var path = _directory.File(SqlitePaymentReadModel.DefaultFileName);
        var id = Guid.NewGuid();
        CreateOldFile(path, id);

        var model = SqlitePaymentReadModel.Open(path);

        var found = await model.Find(id, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal((PaymentStatus.Processing, 100.00m, "EUR", 2L), (found.Status, found.Amount, found.Currency, found.Version));
        Assert.Equal((null, null, null), (found.ErrorCode, found.Attention, found.ReversalTxId));
        Assert.Equal([id], await model.FindStalled(Now, 10, CancellationToken.None));
        Assert.Superset(new HashSet<string>(["error_code", "attention", "reversal_tx_id"], StringComparer.Ordinal), Columns(path));

        // Opening again (the columns now exist) must not try to add them twice.
        Assert.NotNull(await SqlitePaymentReadModel.Open(path).Find(id, CancellationToken.None));
    }

    [Fact]
    public async Task Row_in_an_upgraded_file_takes_the_new_columns_on_its_next_save()
    {
        var path = _directory.File(SqlitePaymentReadModel.DefaultFileName);
        var id = Guid.NewGuid();
        CreateOldFile(path, id);
        var model = SqlitePaymentReadModel.Open(path);

        await using (var batch = model.BeginBatch())
        {
            var row = (await batch.Load(id, CancellationToken.None))!;
            Assert.True(await batch.Save(row with { Status = PaymentStatus.Failed, Version = 3, ErrorCode = "on_ramp_refused", Attention = "look", ReversalTxId = "rev-1" }, 2, CancellationToken.None));
            await batch.Commit(CancellationToken.None);
        }

        var found = (await model.Find(id, CancellationToken.None))!;
        Assert.Equal(("on_ramp_refused", "look", "rev-1"), (found.ErrorCode, found.Attention, found.ReversalTxId));
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>The payments table exactly as the first release created it: no error_code, attention or reversal_tx_id.</summary>
    private static void CreateOldFile(string path, Guid id)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE payments (
                payment_id          TEXT PRIMARY KEY,
                client_id           TEXT NOT NULL,
                idempotency_key     TEXT NOT NULL,
                amount              TEXT NOT NULL,
                currency            TEXT NOT NULL,
                source_account      TEXT NOT NULL,
                destination_account TEXT NOT NULL,
                status              TEXT NOT NULL,
                on_ramp_tx_id       TEXT,
                stablecoin_amount   TEXT,
                off_ramp_tx_id      TEXT,
                payout_amount       TEXT,
                error_message       TEXT,
                created_at          TEXT NOT NULL,
                updated_at          TEXT NOT NULL,
                processed_at        TEXT,
                version             INTEGER NOT NULL CHECK (version >= 1)
            );
            CREATE INDEX payments_by_client ON payments (client_id, payment_id);
            CREATE INDEX payments_by_idempotency_key ON payments (idempotency_key);
            INSERT INTO payments VALUES ($id, 'client-a', 'key-1', '100.00', 'EUR', 'DE89370400440532013000', 'MX-CLABE-032180000118359719', 'PROCESSING',
                NULL, NULL, NULL, NULL, NULL, '2026-01-15T07:00:00.0000000Z', '2026-01-15T07:00:01.0000000Z', NULL, 2);
            """;
        command.Parameters.AddWithValue("$id", id.ToString("D"));
        command.ExecuteNonQuery();
    }

    private static HashSet<string> Columns(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('payments')";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private SqlitePaymentReadModel Open() => SqlitePaymentReadModel.Open(_directory.File(SqlitePaymentReadModel.DefaultFileName));

    private static async Task<Guid> Save(SqlitePaymentReadModel model, PaymentStatus status, DateTimeOffset updatedAt)
    {
        var id = Guid.NewGuid();
        var row = new PaymentRecord(
            id, "client-a", "key-" + id.ToString("N"), 100.00m, "EUR", "DE89370400440532013000", "MX-CLABE-032180000118359719", status,
            null, null, null, null, null, updatedAt.AddSeconds(-1), updatedAt, status is PaymentStatus.Completed or PaymentStatus.Failed ? updatedAt : null, 2);
        await using var batch = model.BeginBatch();
        Assert.True(await batch.Save(row, 0, CancellationToken.None));
        await batch.Commit(CancellationToken.None);
        return id;
    }
}
