using Microsoft.Extensions.Logging.Abstractions;
using Payments.Projections.Projector;

namespace Payments.Aws.Streams;

/// <summary>
/// The projector Lambda: DynamoDB Streams (events table, NEW_IMAGE) in, partial batch response out.
/// Each record is applied on its own, so a malformed or unknown record fails alone and loudly.
/// </summary>
public sealed class StreamsProjectorHandler(PaymentProjector projector, IPaymentProjectionStore store, ILogger<StreamsProjectorHandler>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<StreamsProjectorHandler>.Instance;

    public async Task<StreamsBatchResponse> Handle(string eventJson, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var (response, records, ignored) = await StreamsBatch.Process(
            eventJson,
            async stored => tally.Count(await projector.Apply(stored, store, cancellationToken).ConfigureAwait(false)),
            _logger).ConfigureAwait(false);
        StreamsLog.BatchDone(_logger, records, tally.Applied, tally.Duplicates, tally.Healed, ignored, response.BatchItemFailures.Count);
        return response;
    }

    private sealed class Tally
    {
        public int Applied { get; private set; }

        public int Duplicates { get; private set; }

        public int Healed { get; private set; }

        public void Count(ProjectionOutcome outcome)
        {
            switch (outcome)
            {
                case ProjectionOutcome.Applied: Applied++; break;
                case ProjectionOutcome.Duplicate: Duplicates++; break;
                case ProjectionOutcome.Healed: Healed++; break;
                default: throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null);
            }
        }
    }
}
