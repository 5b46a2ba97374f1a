using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Payments.Application.Ramps.Sandbox;
using Payments.Domain.Ramps;
using Payments.Embedded.Ramps;
using Payments.TestServices;

namespace Payments.Embedded.Tests.Ramps;

/// <summary>The mock providers' settlement statement, read from ramps.db: by the live log, read-only beside it, and from a file older than statements.</summary>
public sealed class RampStatementTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = Clock.Fake();

    private string Path => _directory.File(RampTransactionLog.FileName);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Statement_shows_each_transaction_executed_in_the_window_with_currency_and_execution_time_and_never_a_refusal()
    {
        await using var log = RampTransactionLog.Open(Path, _time);
        var ramps = Provider(log);
        var start = _time.GetUtcNow();
        var paid = Guid.NewGuid();
        var on = Settled(await _time.Pump(ramps.Convert(OnRamp(paid, 100.00m, "EUR"), CancellationToken.None)));
        var afterOnRamp = _time.GetUtcNow();
        var off = Settled(await _time.Pump(ramps.Payout(OffRamp(paid, on.Amount, "EUR"), CancellationToken.None)));
        await _time.Pump(ramps.Convert(OnRamp(Guid.NewGuid(), 10m, "XTS"), CancellationToken.None));
        var end = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromHours(1));
        var later = Settled(await _time.Pump(ramps.Convert(OnRamp(Guid.NewGuid(), 5m, "GBP"), CancellationToken.None)));

        var statement = await ramps.Statement(start, end, CancellationToken.None);

        Assert.Equal(
            [(on.TransactionId, RampRequestKey.For(paid, RampLeg.OnRamp).Value, RampLeg.OnRamp, 108.000000m, "USDC"),
             (off.TransactionId, RampRequestKey.For(paid, RampLeg.OffRamp).Value, RampLeg.OffRamp, 100.00m, "EUR")],
            statement.Select(l => (l.TransactionId, l.RequestKey, l.Leg, l.Amount, l.Currency!)));
        Assert.InRange(statement[0].ExecutedAt, start, afterOnRamp);
        Assert.InRange(statement[1].ExecutedAt, afterOnRamp, end);
        Assert.Equal(later.TransactionId, Assert.Single(await ramps.Statement(end, _time.GetUtcNow().AddTicks(1), CancellationToken.None)).TransactionId);
    }

    [Fact]
    public async Task Statement_window_includes_its_start_and_excludes_its_end()
    {
        await using var log = RampTransactionLog.Open(Path, _time);
        var from = _time.GetUtcNow();
        var to = from.AddMinutes(10);
        await Executed(log, "tx-before", from.AddTicks(-1));
        await Executed(log, "tx-start", from);
        await Executed(log, "tx-last", to.AddTicks(-1));
        await Executed(log, "tx-end", to);

        var statement = await Provider(log).Statement(from, to, CancellationToken.None);

        Assert.Equal(["tx-start", "tx-last"], statement.Select(l => l.TransactionId));
        Assert.Equal([from, to.AddTicks(-1)], statement.Select(l => l.ExecutedAt));
    }

    [Fact]
    public async Task Read_only_log_sees_what_the_live_log_recorded_and_a_missing_file_is_never_created()
    {
        await using var log = RampTransactionLog.Open(Path, _time);
        await Executed(log, "tx-live", _time.GetUtcNow());
        await using var reader = RampTransactionLog.OpenReadOnly(Path, _time);

        var statement = await Provider(reader).Statement(_time.GetUtcNow(), _time.GetUtcNow().AddSeconds(1), CancellationToken.None);

        Assert.Equal("tx-live", Assert.Single(statement).TransactionId);
        var absent = _directory.File("absent.db");
        Assert.Throws<FileNotFoundException>(() => RampTransactionLog.OpenReadOnly(absent, _time));
        Assert.False(File.Exists(absent));
    }

    [Fact]
    public async Task Log_from_before_statements_is_read_as_recorded_then_upgraded_in_place_keeping_every_row()
    {
        var onRamp = RampRequestKey.For(Guid.NewGuid(), RampLeg.OnRamp);
        var payout = RampRequestKey.For(Guid.NewGuid(), RampLeg.OffRamp);
        var refused = RampRequestKey.For(Guid.NewGuid(), RampLeg.OnRamp);
        var recordedOn = new DateTimeOffset(2025, 12, 31, 23, 59, 59, 7, TimeSpan.Zero);
        var recordedOff = new DateTimeOffset(2026, 1, 1, 0, 0, 1, 250, TimeSpan.Zero);
        CreateOldFile(Path, (onRamp, "onr_old", recordedOn), (payout, "ofr_old", recordedOff), (refused, null, recordedOff));
        (string, RampLeg, decimal, string?, DateTimeOffset)[] expected =
            [("onr_old", RampLeg.OnRamp, 108.000000m, "USDC", recordedOn), ("ofr_old", RampLeg.OffRamp, 100.00m, null, recordedOff)];
        var window = (From: recordedOn.AddHours(-1), To: recordedOff.AddHours(1));

        await using (var reader = RampTransactionLog.OpenReadOnly(Path, _time))
        {
            var statement = await Provider(reader).Statement(window.From, window.To, CancellationToken.None);
            Assert.Equal(expected, statement.Select(l => (l.TransactionId, l.Leg, l.Amount, l.Currency, l.ExecutedAt)));
            var refusal = (await reader.Find(refused, CancellationToken.None))!;
            Assert.Equal((null, null), (refusal.Currency, refusal.ExecutedAt));
        }

        Assert.DoesNotContain("executed_at", Columns(Path));
        await using (var upgraded = RampTransactionLog.Open(Path, _time))
        {
            var statement = await Provider(upgraded).Statement(window.From, window.To, CancellationToken.None);
            Assert.Equal(expected, statement.Select(l => (l.TransactionId, l.Leg, l.Amount, l.Currency, l.ExecutedAt)));
            var refusal = (await upgraded.Find(refused, CancellationToken.None))!;
            Assert.Equal(("refused by the provider", null, null), (Assert.IsType<RampResult.Refused>(refusal.ToResult()).Reason, refusal.Currency, refusal.ExecutedAt));
        }

        Assert.Superset(new HashSet<string>(["executed_at", "currency"], StringComparer.Ordinal), Columns(Path));
        await using var reopened = RampTransactionLog.Open(Path, _time);
        Assert.Equal(3, (await reopened.Usage(CancellationToken.None)).Count);
    }

    private MockRampProvider Provider(RampTransactionLog log) => new(log, new MockRampOptions { Seed = 3 }, _time);

    private static Task<RampTransaction> Executed(RampTransactionLog log, string transactionId, DateTimeOffset at) =>
        log.Record(new RampTransaction(RampRequestKey.For(Guid.NewGuid(), RampLeg.OnRamp).Value, RampLeg.OnRamp, transactionId, 1m, 1m, null, "USDC", at), CancellationToken.None);

    private static RampResult.Settled Settled(RampResult result) => Assert.IsType<RampResult.Settled>(result);

    private static OnRampRequest OnRamp(Guid id, decimal amount, string currency) =>
        new(RampRequestKey.For(id, RampLeg.OnRamp), amount, currency, "DE89370400440532013000");

    private static OffRampRequest OffRamp(Guid id, decimal amount, string currency) =>
        new(RampRequestKey.For(id, RampLeg.OffRamp), amount, currency, "MX-CLABE-032180000118359719");

    /// <summary>ramps.db exactly as releases before statements wrote it: no currency, no execution time, recorded_at in Unix milliseconds.</summary>
    private static void CreateOldFile(string path, params (RampRequestKey Key, string? TransactionId, DateTimeOffset RecordedAt)[] rows)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE ramp_transactions (
                    request_key TEXT PRIMARY KEY, leg TEXT NOT NULL, transaction_id TEXT, amount TEXT NOT NULL, rate TEXT NOT NULL,
                    refusal_reason TEXT, executions INTEGER NOT NULL, calls INTEGER NOT NULL, recorded_at INTEGER NOT NULL);
                """;
            create.ExecuteNonQuery();
        }

        foreach (var (key, transactionId, recordedAt) in rows)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO ramp_transactions VALUES ($key, $leg, $tx, $amount, '1.08', $refusal, 1, 1, $at)";
            insert.Parameters.AddWithValue("$key", key.Value);
            insert.Parameters.AddWithValue("$leg", key.Leg.ToString());
            insert.Parameters.AddWithValue("$tx", (object?)transactionId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$amount", transactionId is null ? "0" : key.Leg == RampLeg.OnRamp ? "108.000000" : "100.00");
            insert.Parameters.AddWithValue("$refusal", transactionId is null ? "refused by the provider" : DBNull.Value);
            insert.Parameters.AddWithValue("$at", recordedAt.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }
    }

    private static HashSet<string> Columns(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('ramp_transactions')";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
