using Payments.TestServices;
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
    public async Task Failed_send_is_reported_by_sequence_number_and_the_rest_of_the_batch_still_enqueues()
    {
        var lost = Guid.CreateVersion7();
        var fine = Guid.CreateVersion7();
        _queue.Unreachable.Add(lost);

        var response = await _handler.Handle(LambdaStreamsEvents.Json([Requested(lost, 1), Requested(fine, 2)]), CancellationToken.None);

        Assert.Equal(LambdaStreamsEvents.Sequence(1), Assert.Single(response.BatchItemFailures).ItemIdentifier);
        Assert.Equal(fine, Assert.Single(_queue.Enqueued).PaymentId);
    }

    [Fact]
    public async Task Redelivered_batch_enqueues_again_because_delivery_is_at_least_once()
    {
        var id = Guid.CreateVersion7();
        var json = LambdaStreamsEvents.Json([Requested(id, 1)]);

        await _handler.Handle(json, CancellationToken.None);
        await _handler.Handle(json, CancellationToken.None);

        Assert.Equal([id, id], _queue.Enqueued.Select(j => j.PaymentId));
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

    private static DynamoDbStreamRecord Requested(Guid id, long sequence) =>
        Stored(new PaymentEvent.PaymentRequested(id, "client_a", "key-" + sequence, new string('f', 64), 10m, "USD", "src", "dst", Now), id, 1, sequence);

    private static DynamoDbStreamRecord Stored(PaymentEvent e, Guid id, long version, long sequence)
    {
        var encoded = PaymentEventCodec.Encode(e);
        var stored = new StoredEvent(StreamId.For(id), version, sequence, encoded.Type, encoded.SchemaVersion, Now, encoded.Data, new EventMetadata("corr", null, "test"), new string('a', 64));
        return LambdaStreamsEvents.Insert(stored, sequence);
    }
}
