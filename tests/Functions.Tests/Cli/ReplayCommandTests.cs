using System.Text.Json;
using Payments.Application.Ledger;
using Payments.Domain.Decisions;
using Payments.Domain.Events;
using Payments.Domain.Ramps;
using Payments.Domain.Serialization;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Functions.Api;
using Payments.Functions.Cli;
using Payments.TestServices;

namespace Payments.Functions.Tests.Cli;

public sealed class ReplayCommandTests : IAsyncLifetime
{
    private const string LongReason =
        "the provider answered 503 Service Unavailable three times in a row and then closed the connection before the body was sent, so the conversion may have run";

    private static readonly EventMetadata Metadata = new("replay-test", null, "test");

    private LedgerFixture _ledger = null!;

    public Task InitializeAsync()
    {
        _ledger = LedgerFixture.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task Table_shows_every_event_with_the_status_after_it_and_the_fields_it_changed()
    {
        var id = await ReversedPayment();

        var run = await Replay(id.ToString());

        Assert.True(run.Exit == 0, run.Error);
        var rows = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"payment {id}  client client-a  7 events  FAILED at v7", rows[0], StringComparison.Ordinal);
        Assert.Matches(@"^  1  \S+ \S+  PaymentRequested +PENDING +client=client-a, amount=125.50 EUR", rows[2]);
        Assert.Matches(@"^  3  .+  OnRampCompleted +PROCESSING +on_ramp_tx=onr_1, stablecoin=134.285000", rows[4]);
        Assert.Equal("on_ramp_rate=1.07", rows[5].Trim());
        Assert.Matches(@"^  4  .+  RampOutcomeUnknown +PROCESSING +attention=off-ramp outcome unknown: the provider", rows[6]);
        Assert.Contains(rows, r => r.Contains("OffRampFailed", StringComparison.Ordinal) && r.EndsWith("off_ramp_failure=payout refused, attention cleared", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("ReversalCompleted", StringComparison.Ordinal) && r.EndsWith("PROCESSING  reversal_tx=rev_1, reversed=125.49", StringComparison.Ordinal));
        Assert.Matches(@"^  7  .+  PaymentFailed +FAILED +error_code=payout_failed_funds_returned$", rows[^3]);
    }

    [Fact]
    public async Task Table_fits_120_columns_and_wraps_a_long_reason_without_losing_a_word()
    {
        var id = await ReversedPayment();

        var run = await Replay(id.ToString());

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, line => Assert.True(line.Length <= 120, $"{line.Length} columns: {line}"));
        var text = string.Join(' ', lines.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains(LongReason, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_gives_each_event_its_data_hash_and_the_api_shape_of_the_fold_up_to_it()
    {
        var id = await ReversedPayment();
        var stored = await _ledger.Store.ReadStream(StreamId.For(id));

        var run = await Replay(id.ToString(), "--json");

        Assert.True(run.Exit == 0, run.Error);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(id.ToString(), document.RootElement.GetProperty("payment_id").GetString());
        var events = document.RootElement.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(stored.Count, events.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            var e = events[i];
            Assert.Equal((stored[i].Version, stored[i].Position, stored[i].Type, stored[i].Hash), (e.GetProperty("version").GetInt64(), e.GetProperty("position").GetInt64(), e.GetProperty("type").GetString(), e.GetProperty("hash").GetString()));
            Assert.Equal(stored[i].OccurredAt, e.GetProperty("recorded_at").GetDateTimeOffset());
            Assert.True(JsonElement.DeepEquals(JsonElement.Parse(stored[i].Data), e.GetProperty("data")), $"data of v{i + 1}");
            var folded = PaymentFold.Replay(stored.Take(i + 1).Select(PaymentLedger.Decode));
            var api = JsonElement.Parse(JsonSerializer.Serialize(PaymentResponses.From(folded), ApiJsonContext.Default.PaymentResponse));
            Assert.True(JsonElement.DeepEquals(api, e.GetProperty("state_after")), $"state after v{i + 1}: {e.GetProperty("state_after")}");
        }

        Assert.Equal("FAILED", events[^1].GetProperty("state_after").GetProperty("status").GetString());
        Assert.Equal("125.50", events[0].GetProperty("state_after").GetProperty("amount").GetString());
    }

    [Fact]
    public async Task A_history_the_fold_refuses_is_shown_up_to_the_refused_event_and_exits_1()
    {
        var id = await _ledger.RequestPayment();
        var completed = PaymentEventCodec.Encode(new PaymentEvent.PaymentCompleted(_ledger.Time.GetUtcNow()));
        await _ledger.Store.Append(StreamId.For(id), ExpectedVersion.At(1), [new NewEvent(completed.Type, completed.SchemaVersion, completed.Data, Metadata)]);

        var run = await Replay(id.ToString());

        Assert.Equal(ReplayCommand.UnreadableHistory, run.Exit);
        Assert.Contains("PaymentRequested", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PaymentCompleted", run.Output, StringComparison.Ordinal);
        Assert.Contains("v2 (PaymentCompleted)", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-uuid", "is not a payment id")]
    [InlineData("0198c3a4-5b6e-7f80-9a1b-2c3d4e5f6a7b", "No payment 0198c3a4-5b6e-7f80-9a1b-2c3d4e5f6a7b")]
    public async Task An_unknown_or_malformed_payment_id_exits_2_with_a_message_and_prints_nothing(string id, string message)
    {
        await _ledger.RequestPayment();

        var run = await Replay(id);

        Assert.Equal(ReplayCommand.NotFound, run.Exit);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Without_an_event_log_replay_exits_2_and_creates_no_file()
    {
        using var empty = new TempDirectory();

        var run = await CliRun.Of(ReplayCommand.Create(), Guid.NewGuid().ToString(), "--data-dir", empty.Path);

        Assert.Equal(ReplayCommand.NotFound, run.Exit);
        Assert.Contains("No event log", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty.Path));
    }

    private Task<CliRun> Replay(params string[] args) => CliRun.Of(ReplayCommand.Create(), [.. args, "--data-dir", _ledger.Directory.Path]);

    /// <summary>On-ramp done, an unanswered off-ramp call, the off-ramp refused, the stablecoin returned: every kind of change.</summary>
    private async Task<Guid> ReversedPayment()
    {
        var id = await _ledger.RequestPayment(125.50m);
        foreach (var command in new PaymentCommand[]
        {
            new PaymentCommand.StartProcessing(),
            new PaymentCommand.CompleteOnRamp("onr_1", 134.285000m, 1.07m),
            new PaymentCommand.RecordUnknownOutcome(RampLeg.OffRamp, LongReason),
            new PaymentCommand.FailOffRamp("payout refused"),
            new PaymentCommand.CompleteReversal("rev_1", 125.49m, 0.9345m),
        })
        {
            _ledger.Time.Advance(TimeSpan.FromSeconds(1));
            var outcome = await _ledger.Ledger.Execute(id, command, Metadata, CancellationToken.None);
            Assert.Null(outcome.Rejection);
        }

        return id;
    }
}
