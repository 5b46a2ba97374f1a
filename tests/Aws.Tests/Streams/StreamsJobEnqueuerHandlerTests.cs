using System.Globalization;
using Payments.TestServices;
using Payments.Application.Jobs;
using System.Text.Json;
using Payments.Domain.Events;
using Payments.Domain.Serialization;
using Payments.EventStore.Contract;
using Payments.Application.Jobs.Dispatch;
using Payments.Aws.Streams;

namespace Payments.Aws.Tests.Streams;

public sealed class StreamsJobEnqueuerHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly RecordingJobQueue _queue = new();
    private readonly StreamsConsumerHandler _handler;

    public StreamsJobEnqueuerHandlerTests() => _handler = new StreamsConsumerHandler(new PaymentJobDispatch(_queue));

    [Fact]
    public async Task Payment_requested_insert_enqueues_one_job_and_later_events_enqueue_none()
    {
        var id = Guid.CreateVersion7();
        var json = LambdaStreamsEvents.Json([Requested(id, 1), Stored(new PaymentEvent.PaymentProcessingStarted(Now), id, 2, 2), Stored(new PaymentEvent.PaymentCompleted(Now), id, 3, 3)]);

        var response = await _handler.Handle(json, CancellationToken.None);

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(id, Assert.Single(_queue.Enqueued).PaymentId);
    }

    [Fact]
    public async Task Failed_send_stops_the_batch_and_reports_that_record_and_every_later_one()
    {
        var before = Guid.CreateVersion7();
        var lost = Guid.CreateVersion7();
        var after = Guid.CreateVersion7();
        _queue.Unreachable.Add(lost);
        var removed = Requested(Guid.CreateVersion7(), 4) with { EventName = DynamoDbStreamRecord.Remove };

        var response = await _handler.Handle(LambdaStreamsEvents.Json([Requested(before, 1), Requested(lost, 2), Requested(after, 3), removed]), CancellationToken.None);

        // Lambda resends from the lowest reported sequence number: a job sent now for `after` would be sent again then.
        Assert.Equal([2, 3, 4], response.BatchItemFailures.Select(f => Sequence(f.ItemIdentifier)));
        Assert.Equal([before], _queue.Enqueued.Select(j => j.PaymentId));
    }

    [Fact]
    public async Task Batch_retried_from_the_failed_record_after_the_fault_clears_leaves_exactly_one_job_per_payment()
    {
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7()).ToList();
        var records = ids.Select((id, i) => Requested(id, i + 1)).ToList();
        _queue.Unreachable.Add(ids[2]);

        var first = await _handler.Handle(LambdaStreamsEvents.Json(records), CancellationToken.None);
        _queue.Unreachable.Clear();
        var second = await _handler.Handle(LambdaStreamsEvents.Json(FromCheckpoint(records, first)), CancellationToken.None);

        Assert.Equal(ids, _queue.Enqueued.Select(j => j.PaymentId));
        Assert.Equal(3, first.BatchItemFailures.Count);
        Assert.Empty(second.BatchItemFailures);
    }

    [Fact]
    public async Task Malformed_payment_requested_image_in_the_middle_holds_every_later_record_back_on_each_retry()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).ToList();
        var good = Requested(ids[1], 2);
        var malformed = good with { Dynamodb = good.Dynamodb! with { NewImage = good.Dynamodb.NewImage!.Where(p => p.Key != "hash").ToDictionary() } };
        List<DynamoDbStreamRecord> records = [Requested(ids[0], 1), malformed, Requested(ids[2], 3)];

        var first = await _handler.Handle(LambdaStreamsEvents.Json(records), CancellationToken.None);
        var retried = await _handler.Handle(LambdaStreamsEvents.Json(FromCheckpoint(records, first)), CancellationToken.None);

        Assert.Equal([2, 3], first.BatchItemFailures.Select(f => Sequence(f.ItemIdentifier)));
        Assert.Equal([2, 3], retried.BatchItemFailures.Select(f => Sequence(f.ItemIdentifier)));
        Assert.Equal([ids[0]], _queue.Enqueued.Select(j => j.PaymentId));
    }

    [Fact]
    public async Task Redelivered_batch_enqueues_again_with_the_same_job_id_because_delivery_is_at_least_once()
    {
        var id = Guid.CreateVersion7();
        var json = LambdaStreamsEvents.Json([Requested(id, 1)]);

        await _handler.Handle(json, CancellationToken.None);
        await _handler.Handle(json, CancellationToken.None);

        Assert.Equal([id, id], _queue.Enqueued.Select(j => j.PaymentId));
        Assert.Equal([PaymentJob.IdFor(id, 1), PaymentJob.IdFor(id, 1)], _queue.Enqueued.Select(j => j.JobId));
    }

    [Fact]
    public async Task Remove_records_are_ignored()
    {
        var record = Requested(Guid.CreateVersion7(), 1) with { EventName = DynamoDbStreamRecord.Remove };

        var response = await _handler.Handle(LambdaStreamsEvents.Json([record]), CancellationToken.None);

        Assert.Empty(response.BatchItemFailures);
        Assert.Empty(_queue.Enqueued);
    }

    [Fact]
    public async Task Record_with_an_event_type_this_deployment_does_not_know_passes_through_without_failing()
    {
        var id = Guid.CreateVersion7();
        var unknown = LambdaStreamsEvents.Insert(
            new StoredEvent(StreamId.For(id), 2, 2, "PaymentRefunded", 1, Now, "{}", new EventMetadata("c", null, "test"), new string('a', 64)), 7);

        var response = await _handler.Handle(LambdaStreamsEvents.Json([Requested(id, 6), unknown]), CancellationToken.None);

        // The job enqueuer filters on the stored type before decoding: a newer writer's event types are none of its business.
        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(id, Assert.Single(_queue.Enqueued).PaymentId);
    }

    [Fact]
    public async Task Unknown_event_type_in_the_middle_of_a_batch_passes_through_and_the_records_after_it_still_enqueue()
    {
        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();
        var unknown = LambdaStreamsEvents.Insert(
            new StoredEvent(StreamId.For(first), 2, 2, "PaymentRefunded", 1, Now, "not even json", new EventMetadata("c", null, "test"), new string('a', 64)), 2);

        var response = await _handler.Handle(LambdaStreamsEvents.Json([Requested(first, 1), unknown, Requested(second, 3)]), CancellationToken.None);

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal([first, second], _queue.Enqueued.Select(j => j.PaymentId));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"records":[]}""")]
    [InlineData("""{"Records":[{"eventName":"INSERT","dynamodb":{}}]}""")]
    public async Task Unreadable_event_fails_the_whole_batch_loudly(string json)
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => _handler.Handle(json, CancellationToken.None));
        Assert.Empty(_queue.Enqueued);
    }

    /// <summary>What Lambda resends: the batch from the lowest reported sequence number on.</summary>
    private static List<DynamoDbStreamRecord> FromCheckpoint(List<DynamoDbStreamRecord> records, StreamsBatchResponse response)
    {
        var checkpoint = response.BatchItemFailures.Min(f => Sequence(f.ItemIdentifier));
        return records.Where(r => Sequence(r.Dynamodb!.SequenceNumber!) >= checkpoint).ToList();
    }

    private static long Sequence(string sequenceNumber) =>
        (long)(decimal.Parse(sequenceNumber, CultureInfo.InvariantCulture) - decimal.Parse(LambdaStreamsEvents.Sequence(0), CultureInfo.InvariantCulture));

    private static DynamoDbStreamRecord Requested(Guid id, long sequence) =>
        Stored(new PaymentEvent.PaymentRequested(id, "client_a", "key-" + sequence, new string('f', 64), 10m, "USD", "src", "dst", Now), id, 1, sequence);

    private static DynamoDbStreamRecord Stored(PaymentEvent e, Guid id, long version, long sequence)
    {
        var encoded = PaymentEventCodec.Encode(e);
        var stored = new StoredEvent(StreamId.For(id), version, sequence, encoded.Type, encoded.SchemaVersion, Now, encoded.Data, new EventMetadata("corr", null, "test"), new string('a', 64));
        return LambdaStreamsEvents.Insert(stored, sequence);
    }
}
