using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Consumers;

namespace Payments.Aws.Streams;

/// <summary>
/// A log consumer as a Lambda on the events table's stream (NEW_IMAGE): the same <see cref="IEventConsumer"/> the
/// embedded column runs behind an <see cref="EventLogSubscription"/>. Records are handed over one at a time, in
/// stream order; the first that fails stops the batch, and it and every record after it are named in
/// <c>batchItemFailures</c>, so the retry starts there and nothing behind it is handled twice or ahead of it (the
/// job enqueuer would send a second job; the projector would apply a payment's later event before an earlier one).
/// The event source mapping's retries, bisect-on-error and on-failure destination are the cloud's poison policy
/// (the parked events of the embedded column): a record that keeps failing holds its shard only until then.
/// The projector and the job enqueuer (the cloud outbox: no accepted payment is left without a job by a crash
/// between append and enqueue, because the stream, not the API, sends it) are two instances of this.
/// </summary>
public sealed class StreamsConsumerHandler(IEventConsumer consumer, ILogger<StreamsConsumerHandler>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<StreamsConsumerHandler>.Instance;

    public async Task<StreamsBatchResponse> Handle(string eventJson, CancellationToken cancellationToken)
    {
        var (response, records, ignored) = await StreamsBatch.Process(
            eventJson,
            stored => consumer.Handle([stored], cancellationToken),
            _logger).ConfigureAwait(false);
        StreamsLog.BatchDone(_logger, consumer.Name, records, ignored, response.BatchItemFailures.Count);
        return response;
    }
}
