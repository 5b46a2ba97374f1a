using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Payments.Domain.Decisions;
using Payments.Domain.Events;
using Payments.Domain.Ramps;
using Payments.Domain.Serialization;
using Payments.EventStore.Contract;
using Payments.Functions.Cli;
using Payments.TestServices;

namespace Payments.Functions.Tests.Cli;

public sealed class ExportCommandTests : IAsyncLifetime
{
    private const string Everything = "--from=2000-01-01T00:00:00Z";
    private const string Forever = "--to=2100-01-01T00:00:00Z";

    private static readonly string[] Columns =
    [
        "position", "recorded_at", "payment_id", "version", "type", "client_id", "amount", "currency", "stablecoin_amount",
        "stablecoin", "rate", "leg", "tx_id", "error_code", "reason", "correlation_id", "actor", "hash",
    ];

    private static readonly EventMetadata Metadata = new("export-test", "cause-1", "worker");

    private LedgerFixture _ledger = null!;

    public Task InitializeAsync()
    {
        _ledger = LedgerFixture.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task Ndjson_gives_every_stored_field_of_every_event_in_position_order()
    {
        await SeedPayments();
        var stored = await _ledger.Store.ReadAll(0, 1_000);

        var run = await Export(Everything, Forever, "--format", "ndjson");

        Assert.True(run.Exit == 0, run.Error);
        Assert.DoesNotContain('\r', run.Output);
        var lines = run.Output.Split('\n')[..^1];
        Assert.Equal(stored.Count, lines.Length);
        for (var i = 0; i < stored.Count; i++)
        {
            var e = stored[i];
            var line = JsonElement.Parse(lines[i]);
            Assert.Equal(
                (e.Position, e.StreamId.Value, e.Version, e.Type, e.SchemaVersion, e.OccurredAt, e.Hash),
                (line.GetProperty("position").GetInt64(), line.GetProperty("payment_id").GetString(), line.GetProperty("version").GetInt64(),
                 line.GetProperty("type").GetString(), line.GetProperty("schema_version").GetInt32(), line.GetProperty("recorded_at").GetDateTimeOffset(),
                 line.GetProperty("hash").GetString()));
            Assert.True(JsonElement.DeepEquals(JsonElement.Parse(e.Data), line.GetProperty("data")), $"data of position {e.Position}");
            var metadata = line.GetProperty("metadata");
            Assert.Equal(e.Metadata, new EventMetadata(metadata.GetProperty("correlation_id").GetString()!, metadata.GetProperty("causation_id").GetString(), metadata.GetProperty("actor").GetString()!));
        }
    }

    [Fact]
    public async Task Csv_has_the_header_and_one_record_per_event_with_its_money_columns()
    {
        var (completed, reversed) = await SeedPayments();
        var stored = await _ledger.Store.ReadAll(0, 1_000);

        var run = await Export(Everything, Forever, "--format", "csv");

        Assert.True(run.Exit == 0, run.Error);
        var records = Rfc4180Reader.Records(run.Output);
        Assert.Equal(Columns, records[0]);
        var rows = records.Skip(1).Select(r => Columns.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal(stored.Select(e => e.Position.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r["position"]));
        Assert.Equal(stored.Select(e => (e.StreamId.Value, e.Version.ToString(CultureInfo.InvariantCulture), e.Type, e.Hash)), rows.Select(r => (r["payment_id"], r["version"], r["type"], r["hash"])));
        Assert.All(rows, r => Assert.Equal("client-a", r["client_id"]));
        Assert.Equal(stored.Select(e => (e.Metadata.CorrelationId, e.Metadata.Actor)), rows.Select(r => (r["correlation_id"], r["actor"])));

        var paid = rows.Where(r => r["payment_id"] == completed.ToString()).ToDictionary(r => r["type"]);
        Assert.Equal(("125.50", "EUR"), (paid["PaymentRequested"]["amount"], paid["PaymentRequested"]["currency"]));
        Assert.Equal(("134.285000", "USDC", "1.07", "on_ramp", "onr_1"), (paid["OnRampCompleted"]["stablecoin_amount"], paid["OnRampCompleted"]["stablecoin"], paid["OnRampCompleted"]["rate"], paid["OnRampCompleted"]["leg"], paid["OnRampCompleted"]["tx_id"]));
        Assert.Equal(("2284.50", "EUR", "off_ramp", "off_1"), (paid["OffRampCompleted"]["amount"], paid["OffRampCompleted"]["currency"], paid["OffRampCompleted"]["leg"], paid["OffRampCompleted"]["tx_id"]));
        var returned = rows.Where(r => r["payment_id"] == reversed.ToString()).ToDictionary(r => r["type"]);
        Assert.Equal(("off_ramp", "payout refused"), (returned["OffRampFailed"]["leg"], returned["OffRampFailed"]["reason"]));
        Assert.Equal(("125.49", "EUR", "reversal", "rev_1", "0.9345"), (returned["ReversalCompleted"]["amount"], returned["ReversalCompleted"]["currency"], returned["ReversalCompleted"]["leg"], returned["ReversalCompleted"]["tx_id"], returned["ReversalCompleted"]["rate"]));
        Assert.Equal("payout_failed_funds_returned", returned["PaymentFailed"]["error_code"]);
        Assert.Equal(stored[0].OccurredAt, DateTimeOffset.Parse(rows[0]["recorded_at"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_window_holds_events_recorded_from_its_start_inclusive_to_its_end_exclusive()
    {
        var start = _ledger.Time.GetUtcNow();
        var id = await _ledger.RequestPayment();
        foreach (var command in new PaymentCommand[] { new PaymentCommand.StartProcessing(), new PaymentCommand.CompleteOnRamp("onr_1", 10m, 1m), new PaymentCommand.CompleteOffRamp("off_1", 10m, 1m) })
        {
            _ledger.Time.Advance(TimeSpan.FromSeconds(1));
            await _ledger.Ledger.Execute(id, command, Metadata, CancellationToken.None);
        }

        var middle = await Export(At(start.AddSeconds(1)), At(start.AddSeconds(3), "--to"), "--format", "ndjson");
        var empty = await Export(At(start.AddSeconds(1)), At(start.AddSeconds(1), "--to"), "--format", "csv");
        var justAfter = await Export(At(start.AddTicks(1)), At(start.AddSeconds(1).AddTicks(1), "--to"), "--format", "ndjson");

        Assert.Equal([2L, 3L], Versions(middle));
        Assert.Equal(0, empty.Exit);
        Assert.Single(Rfc4180Reader.Records(empty.Output));
        Assert.Equal([2L], Versions(justAfter));
    }

    [Fact]
    public async Task A_csv_row_names_the_client_even_when_the_payments_request_is_before_the_window()
    {
        var start = _ledger.Time.GetUtcNow();
        await _ledger.RequestPayment();
        var id = await _ledger.RequestPayment();
        _ledger.Time.Advance(TimeSpan.FromMinutes(1));
        await _ledger.Ledger.Execute(id, new PaymentCommand.StartProcessing(), Metadata, CancellationToken.None);

        var run = await Export(At(start.AddSeconds(30)), Forever, "--format", "csv");

        var row = Assert.Single(Rfc4180Reader.Records(run.Output).Skip(1));
        Assert.Equal(("PaymentProcessingStarted", "client-a"), (row[4], row[5]));
    }

    [Fact]
    public async Task Provider_text_is_quoted_per_rfc4180_and_a_formula_is_made_inert()
    {
        var reasons = new[] { "=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(A1)", "refused, \"limit\" hit\r\nsee ticket 7", "+1", "-1" };
        foreach (var reason in reasons)
        {
            var id = await _ledger.RequestPayment();
            await _ledger.Ledger.Execute(id, new PaymentCommand.StartProcessing(), Metadata, CancellationToken.None);
            await _ledger.Ledger.Execute(id, new PaymentCommand.FailOnRamp(reason), Metadata, CancellationToken.None);
        }

        var run = await Export(Everything, Forever, "--format", "csv");

        var failures = Rfc4180Reader.Records(run.Output).Where(r => r[4] == "OnRampFailed").Select(r => r[14]).ToList();
        Assert.Equal(["'=HYPERLINK(\"http://evil.example\",\"x\")", "'@SUM(A1)", "refused, \"limit\" hit\r\nsee ticket 7", "'+1", "'-1"], failures);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",", run.Output, StringComparison.Ordinal);
    }

    [FsCheck.Xunit.Property(MaxTest = 20)]
    public Property Amounts_and_rates_are_exported_with_exactly_the_stored_digits() =>
        Prop.ForAll(Arb.From(Gen.NonEmptyListOf(AnyDecimal)), amounts =>
        {
            using var directory = new TempDirectory();
            var ids = SeedAmounts(directory, amounts).GetAwaiter().GetResult();
            var csv = CliRun.Of(ExportCommand.Create(), Everything, Forever, "--format", "csv", "--data-dir", directory.Path).GetAwaiter().GetResult();
            var ndjson = CliRun.Of(ExportCommand.Create(), Everything, Forever, "--format", "ndjson", "--data-dir", directory.Path).GetAwaiter().GetResult();

            var rows = Rfc4180Reader.Records(csv.Output).Skip(1).ToList();
            var lines = ndjson.Output.Split('\n')[..^1].Select(l => JsonElement.Parse(l)).ToList();
            var exact = amounts.Select(a => a.ToString(CultureInfo.InvariantCulture)).ToList();
            var requested = rows.Where(r => r[4] == "PaymentRequested").Select(r => r[6]).ToList();
            Assert.Equal(exact, rows.Where(r => r[4] == "OnRampCompleted").Select(r => r[8]));
            Assert.Equal(exact, rows.Where(r => r[4] == "OnRampCompleted").Select(r => r[10]));
            Assert.Equal(exact, lines.Where(l => l.GetProperty("type").GetString() == "PaymentRequested").Select(l => l.GetProperty("data").GetProperty("amount").GetRawText()));
            Assert.All(rows.SelectMany(r => new[] { r[6], r[8], r[10] }).Where(c => c.Length > 0), cell => Assert.Matches(@"^\d+(\.\d+)?$", cell));

            // A EUR amount is padded to cents when stored with fewer digits, and keeps every digit it has beyond them.
            Assert.All(exact.Zip(amounts, requested), amount =>
            {
                var (stored, value, cell) = amount;
                Assert.StartsWith(stored, cell, StringComparison.Ordinal);
                Assert.Matches(@"^\.?0*$", cell[stored.Length..]);
                Assert.Equal(Math.Max((int)value.Scale, 2), cell.Contains('.', StringComparison.Ordinal) ? cell.Length - cell.IndexOf('.', StringComparison.Ordinal) - 1 : 0);
            });
            return ids.Count == amounts.Count && requested.Count == amounts.Count;
        });

    [Theory]
    [InlineData("--from=2026-03-01T00:00:00Z", "--to=2026-02-01T00:00:00Z", "csv", "is before --from")]
    [InlineData("--from=2026-03-01", "--to=2026-04-01T00:00:00Z", "csv", "--from must be an RFC 3339 time")]
    [InlineData("--from=2026-03-01T00:00:00Z", "--to=2026-04-01T00:00:00", "ndjson", "--to must be an RFC 3339 time")]
    [InlineData("--from=yesterday", "--to=2026-04-01T00:00:00Z", "ndjson", "--from must be an RFC 3339 time")]
    [InlineData("--from=2026-03-01T00:00:00Z", "--to=2026-04-01T00:00:00Z", "xlsx", "--format must be ndjson or csv")]
    [InlineData("--from=2026-03-01T00:00:00Z", "--to=2026-04-01T00:00:00Z", "ndjson, csv", "--format must be ndjson or csv")]
    [InlineData("", "--to=2026-04-01T00:00:00Z", "csv", "--from must be an RFC 3339 time")]
    public async Task Bad_arguments_exit_2_with_the_reason_and_export_nothing(string from, string to, string format, string reason)
    {
        await _ledger.RequestPayment();

        var run = await Export([.. new[] { from, to, "--format", format }.Where(a => a.Length > 0)]);

        Assert.Equal(ExportCommand.BadInput, run.Exit);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Without_an_event_log_export_exits_2_and_creates_no_file()
    {
        using var empty = new TempDirectory();

        var run = await CliRun.Of(ExportCommand.Create(), Everything, Forever, "--out", Path.Combine(empty.Path, "out.csv"), "--data-dir", empty.Path);

        Assert.Equal(ExportCommand.BadInput, run.Exit);
        Assert.Contains("No event log", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty.Path));
    }

    [Fact]
    public async Task Out_replaces_the_file_whole_with_what_standard_output_would_show_and_leaves_no_temporary()
    {
        await SeedPayments();
        using var target = new TempDirectory();
        var file = target.File("events.csv");
        await File.WriteAllTextAsync(file, "yesterday's export");

        var toFile = await Export(Everything, Forever, "--format", "csv", "--out", file);
        var toStdout = await Export(Everything, Forever, "--format", "csv");

        Assert.True(toFile.Exit == 0, toFile.Error);
        Assert.Empty(toFile.Output);
        Assert.Equal(toStdout.Output, await File.ReadAllTextAsync(file));
        Assert.Equal([file], Directory.EnumerateFileSystemEntries(target.Path));
    }

    [Fact]
    public async Task A_failed_export_leaves_the_earlier_file_untouched_and_no_temporary()
    {
        var id = await _ledger.RequestPayment();
        await _ledger.Store.Append(StreamId.For(id), ExpectedVersion.At(1), [new NewEvent("PaymentTeleported", 1, "{}", Metadata)]);
        using var target = new TempDirectory();
        var file = target.File("events.csv");
        await File.WriteAllTextAsync(file, "yesterday's export");

        var run = await Export(Everything, Forever, "--format", "csv", "--out", file);

        Assert.Equal(ExportCommand.Unreadable, run.Exit);
        Assert.Contains("PaymentTeleported", run.Error, StringComparison.Ordinal);
        Assert.Equal("yesterday's export", await File.ReadAllTextAsync(file));
        Assert.Equal([file], Directory.EnumerateFileSystemEntries(target.Path));
    }

    /// <summary>Decimals of every scale 0–28 and magnitude, including the trailing zeros a currency amount keeps.</summary>
    private static Gen<decimal> AnyDecimal { get; } = Gen.OneOf(
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        from mid in Gen.Choose(int.MinValue, int.MaxValue)
        from hi in Gen.Choose(0, int.MaxValue)
        from scale in Gen.Choose(0, 28)
        select new decimal(lo, mid, hi, isNegative: false, (byte)scale),
        from cents in Gen.Choose(0, 99_999_999)
        from scale in Gen.Choose(0, 8)
        select new decimal(cents, 0, 0, isNegative: false, (byte)scale),
        Gen.Elements(125.50m, 0.10m, 1000m, 0.000001m, 1.0000000000000000000000000000m));

    private static string At(DateTimeOffset time, string option = "--from") => $"{option}={time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}";

    private static long[] Versions(CliRun run) => [.. run.Output.Split('\n')[..^1].Select(l => JsonElement.Parse(l).GetProperty("version").GetInt64())];

    private static async Task<List<Guid>> SeedAmounts(TempDirectory directory, IReadOnlyList<decimal> amounts)
    {
        await using var store = Payments.Embedded.EventStore.SqliteEventStore.Open(directory.File("events.db"), TimeProvider.System);
        var ids = new List<Guid>();
        foreach (var amount in amounts)
        {
            var id = Guid.CreateVersion7();
            var at = DateTimeOffset.UtcNow;
            await store.Append(StreamId.For(id), ExpectedVersion.NoStream, [
                Encoded(new PaymentEvent.PaymentRequested(id, "client-p", "key-" + id, "fp", amount, "EUR", "src", "dst", at)),
                Encoded(new PaymentEvent.OnRampCompleted("onr-" + id, amount, "USDC", amount, at)),
            ]);
            ids.Add(id);
        }

        return ids;
    }

    private static NewEvent Encoded(PaymentEvent @event)
    {
        var encoded = PaymentEventCodec.Encode(@event);
        return new NewEvent(encoded.Type, encoded.SchemaVersion, encoded.Data, Metadata);
    }

    private Task<CliRun> Export(params string[] args) => CliRun.Of(ExportCommand.Create(), [.. args, "--data-dir", _ledger.Directory.Path]);

    /// <summary>A completed payment and one whose payout was refused and reversed, one second between events.</summary>
    private async Task<(Guid Completed, Guid Reversed)> SeedPayments()
    {
        var completed = await Run(
            new PaymentCommand.StartProcessing(),
            new PaymentCommand.CompleteOnRamp("onr_1", 134.285000m, 1.07m),
            new PaymentCommand.CompleteOffRamp("off_1", 2284.50m, 17.0125m));
        var reversed = await Run(
            new PaymentCommand.StartProcessing(),
            new PaymentCommand.CompleteOnRamp("onr_2", 134.285000m, 1.07m),
            new PaymentCommand.RecordUnknownOutcome(RampLeg.OffRamp, "timed out"),
            new PaymentCommand.FailOffRamp("payout refused"),
            new PaymentCommand.CompleteReversal("rev_1", 125.49m, 0.9345m));
        return (completed, reversed);

        async Task<Guid> Run(params PaymentCommand[] commands)
        {
            var id = await _ledger.RequestPayment(125.50m);
            foreach (var command in commands)
            {
                _ledger.Time.Advance(TimeSpan.FromSeconds(1));
                Assert.Null((await _ledger.Ledger.Execute(id, command, Metadata, CancellationToken.None)).Rejection);
            }

            return id;
        }
    }
}
