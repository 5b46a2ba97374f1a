using Payments.TestServices;
using System.Text.Json;
using Payments.Domain.Events;
using Payments.Domain.Serialization;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Aws.Streams;
using Payments.Projections.Projector;
using Payments.Projections.ReadModel;

namespace Payments.Aws.Tests.Streams;

public sealed class StreamsProjectorHandlerTests
{
    private static readonly Guid Id = Guid.Parse("019ab000-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static readonly List<StoredEvent> History = Stored(
        new PaymentEvent.PaymentRequested(Id, "client_a", "key-1", "fp", 250.10m, "EUR", "IBAN-SRC", "IBAN-DST", At),
        new PaymentEvent.PaymentProcessingStarted(At.AddSeconds(1)),
        new PaymentEvent.OnRampCompleted("on-1", 270.12m, "USDC", 1.08m, At.AddSeconds(2)),
        new PaymentEvent.OffRampCompleted("off-1", 4_590m, "EUR", 17m, At.AddSeconds(3)),
        new PaymentEvent.PaymentCompleted(At.AddSeconds(3)));

    private readonly InMemoryProjection _memory = new();
    private readonly StreamsConsumerHandler _handler;

    public StreamsProjectorHandlerTests()
    {
        _memory.Add(History);
        _handler = new StreamsConsumerHandler(new PaymentProjectionConsumer(new PaymentProjector(_memory), _memory));
    }

    [Fact]
    public async Task Batch_in_order_projects_to_the_fold_and_reports_no_failures()
    {
        var response = await Handle(History.Select((e, i) => LambdaStreamsEvents.Insert(e, i)));

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(Fold(), _memory.Rows[Id]);
    }

    [Fact]
    public async Task Duplicated_and_out_of_order_records_converge_to_the_fold()
    {
        var records = new[] { 3, 0, 0, 4, 1, 2, 4, 0 }.Select(i => LambdaStreamsEvents.Insert(History[i], i));

        var response = await Handle(records);

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(Fold(), _memory.Rows[Id]);
    }

    [Fact]
    public async Task Unknown_event_type_stops_the_batch_so_no_later_event_is_projected_ahead_of_it()
    {
        var unknown = LambdaStreamsEvents.Insert(History[1] with { Type = "PaymentTeleported" }, 7);

        var response = await Handle([LambdaStreamsEvents.Insert(History[0], 1), unknown, LambdaStreamsEvents.Insert(History[2], 8)]);

        Assert.Equal([LambdaStreamsEvents.Sequence(7), LambdaStreamsEvents.Sequence(8)], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Equal(1, _memory.Rows[Id].Version);
    }

    [Fact]
    public async Task Record_without_new_image_is_a_batch_item_failure()
    {
        var keysOnly = LambdaStreamsEvents.Insert(History[0], 3) is var r ? r with { Dynamodb = r.Dynamodb! with { NewImage = null } } : null!;

        var response = await Handle([keysOnly]);

        Assert.Equal([LambdaStreamsEvents.Sequence(3)], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Empty(_memory.Rows);
    }

    [Fact]
    public async Task Remove_records_are_ignored()
    {
        var removed = LambdaStreamsEvents.Insert(History[0], 1) with { EventName = DynamoDbStreamRecord.Remove };

        var response = await Handle([removed]);

        Assert.Empty(response.BatchItemFailures);
        Assert.Empty(_memory.Rows);
    }

    [Fact]
    public async Task Malformed_record_and_every_record_after_it_are_reported_while_those_before_it_apply()
    {
        var good = LambdaStreamsEvents.Json([LambdaStreamsEvents.Insert(History[0], 1), LambdaStreamsEvents.Insert(History[1], 3)]);
        var json = good.Replace(
            "{\"eventID\":\"ev-3\"",
            "{\"eventName\":\"INSERT\",\"dynamodb\":{\"SequenceNumber\":\"999\",\"NewImage\":{\"version\":{\"N\":[1]}}}},{\"eventID\":\"ev-3\"",
            StringComparison.Ordinal);

        var response = await _handler.Handle(json, CancellationToken.None);

        Assert.Equal(["999", LambdaStreamsEvents.Sequence(3)], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Equal(1, _memory.Rows[Id].Version);
    }

    [Fact]
    public async Task Event_item_with_missing_attributes_is_a_batch_item_failure()
    {
        var record = LambdaStreamsEvents.Insert(History[0], 4);
        var partial = record with { Dynamodb = record.Dynamodb! with { NewImage = record.Dynamodb.NewImage!.Where(p => p.Key != "hash").ToDictionary() } };

        var response = await Handle([partial]);

        Assert.Equal([LambdaStreamsEvents.Sequence(4)], response.BatchItemFailures.Select(f => f.ItemIdentifier));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"Records\":{}}")]
    [InlineData("[]")]
    public async Task Unreadable_event_fails_the_whole_invocation(string json)
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => _handler.Handle(json, CancellationToken.None));
    }

    [Fact]
    public async Task Record_too_broken_to_name_fails_the_whole_invocation()
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => _handler.Handle("{\"Records\":[{\"eventName\":\"INSERT\",\"dynamodb\":{}}]}", CancellationToken.None));
    }

    [Fact]
    public async Task Oversized_event_is_refused_before_parsing()
    {
        var json = "{\"Records\":[],\"pad\":\"" + new string('x', StreamsBatch.MaxEventBytes) + "\"}";

        await Assert.ThrowsAsync<ArgumentException>(() => _handler.Handle(json, CancellationToken.None));
    }

    [Fact]
    public async Task Large_event_data_near_the_item_size_limit_still_projects()
    {
        var id = Guid.Parse("019ab000-0000-7000-8000-000000000002");
        var big = Stored(new PaymentEvent.PaymentRequested(id, "client_a", new string('k', 300_000), "fp", 1m, "EUR", "S", "D", At));
        _memory.Add(big);

        var response = await Handle([LambdaStreamsEvents.Insert(big[0], 1)]);

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(300_000, _memory.Rows[id].IdempotencyKey.Length);
    }

    [Fact]
    public void Response_uses_lambdas_partial_batch_names()
    {
        var json = StreamsBatch.Serialize(new StreamsBatchResponse { BatchItemFailures = [new StreamsBatchItemFailure("42")] });

        Assert.Equal("{\"batchItemFailures\":[{\"itemIdentifier\":\"42\"}]}", json);
    }

    private Task<StreamsBatchResponse> Handle(IEnumerable<DynamoDbStreamRecord> records) =>
        _handler.Handle(LambdaStreamsEvents.Json(records), CancellationToken.None);

    private static PaymentRecord Fold() => PaymentRecord.From(PaymentFold.Replay(History.Select(e => PaymentEventCodec.Decode(e.Type, e.SchemaVersion, e.Data))));

    private static List<StoredEvent> Stored(params PaymentEvent[] events) =>
        events.Select((e, i) =>
        {
            var encoded = PaymentEventCodec.Encode(e);
            var id = e is PaymentEvent.PaymentRequested r ? r.PaymentId : Id;
            return new StoredEvent(StreamId.For(id), i + 1, i + 1, encoded.Type, encoded.SchemaVersion, At, encoded.Data, new EventMetadata("c", null, "t"), new string('0', 64));
        }).ToList();
}
