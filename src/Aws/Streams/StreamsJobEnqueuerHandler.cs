using Microsoft.Extensions.Logging.Abstractions;
using Payments.Domain.Events;
using Payments.Application.Jobs;
using Payments.Application.Ledger;

namespace Payments.Aws.Streams;

/// <summary>
/// The cloud outbox: the events table's stream is the durable record that a payment was accepted,
/// so a Lambda on that stream — not the API — sends each PaymentRequested's job to SQS. A failed
/// send is a batch item failure and Lambda retries it; a resend is harmless because the worker is
/// idempotent. No accepted payment can be left without a job by a crash between append and enqueue.
/// </summary>
public sealed class StreamsJobEnqueuerHandler(IPaymentJobQueue queue, ILogger<StreamsJobEnqueuerHandler>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<StreamsJobEnqueuerHandler>.Instance;

    public async Task<StreamsBatchResponse> Handle(string eventJson, CancellationToken cancellationToken)
    {
        var enqueued = 0;
        var (response, records, _) = await StreamsBatch.Process(
            eventJson,
            async stored =>
            {
                if (PaymentLedger.Decode(stored) is PaymentEvent.PaymentRequested requested)
                {
                    await queue.Enqueue(new PaymentJob(requested.PaymentId), cancellationToken).ConfigureAwait(false);
                    enqueued++;
                }
            },
            _logger).ConfigureAwait(false);
        StreamsLog.JobsEnqueued(_logger, records, enqueued, response.BatchItemFailures.Count);
        return response;
    }
}
