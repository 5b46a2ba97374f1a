using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.EventStore.DynamoDb;
using Payments.Projections.Projector;

namespace Payments.Functions.Lambda.Streams;

/// <summary>
/// The projector Lambda: DynamoDB Streams (events table, NEW_IMAGE) in, partial batch response out.
/// Each record is decoded and applied on its own, so a malformed or unknown record fails alone and
/// loudly; REMOVE records are ignored (events are never deleted; a TTL or manual delete is not a fact).
/// </summary>
public sealed class StreamsProjectorHandler(PaymentProjector projector, IPaymentProjectionStore store, ILogger<StreamsProjectorHandler>? logger = null)
{
    /// <summary>Lambda's synchronous payload ceiling; anything bigger did not come from Lambda.</summary>
    public const int MaxEventBytes = 6 * 1024 * 1024;

    private readonly ILogger _logger = logger ?? NullLogger<StreamsProjectorHandler>.Instance;

    /// <summary>Throws <see cref="JsonException"/> when the event itself is unreadable: no record can be named, so the whole batch must retry.</summary>
    public async Task<StreamsBatchResponse> Handle(string eventJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventJson);
        if (eventJson.Length > MaxEventBytes)
        {
            throw new ArgumentException($"A Streams event is at most {MaxEventBytes} bytes.", nameof(eventJson));
        }

        using var document = JsonDocument.Parse(eventJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("A DynamoDB Streams event has a Records array.");
        }

        var tally = new Tally();
        var count = records.GetArrayLength();
        var failures = new List<StreamsBatchItemFailure>();
        foreach (var element in records.EnumerateArray())
        {
            var failed = await HandleRecord(element, tally, cancellationToken).ConfigureAwait(false);
            if (failed is not null)
            {
                failures.Add(failed);
            }
        }

        StreamsLog.BatchDone(_logger, count, tally.Applied, tally.Duplicates, tally.Healed, tally.Ignored, failures.Count);
        return new StreamsBatchResponse { BatchItemFailures = failures };
    }

    public static string Serialize(StreamsBatchResponse response) => JsonSerializer.Serialize(response, StreamsJsonContext.Default.StreamsBatchResponse);

    private async Task<StreamsBatchItemFailure?> HandleRecord(JsonElement element, Tally tally, CancellationToken cancellationToken)
    {
        var sequenceNumber = SequenceNumberOf(element)
            ?? throw new JsonException("A Streams record without dynamodb.SequenceNumber cannot be reported as a batch item failure.");
        try
        {
            var record = element.Deserialize(StreamsJsonContext.Default.DynamoDbStreamRecord) ?? throw new JsonException("Streams record is JSON null.");
            if (record.EventName == DynamoDbStreamRecord.Remove)
            {
                tally.Ignored++;
                return null;
            }

            var image = record.Dynamodb?.NewImage ?? throw new FormatException($"{record.EventName} record has no NewImage (is the stream NEW_IMAGE?).");
            var stored = DynamoDbEventItem.ToStoredEvent(StreamImages.ToItem(image));
            tally.Count(await projector.Apply(stored, store, cancellationToken).ConfigureAwait(false));
            return null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            StreamsLog.RecordFailed(_logger, error, sequenceNumber, EventIdOf(element));
            return new StreamsBatchItemFailure(sequenceNumber);
        }
    }

    /// <summary>Read leniently on its own: a record too broken to deserialize must still be named in the failures.</summary>
    private static string? SequenceNumberOf(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object
        && record.TryGetProperty("dynamodb", out var body) && body.ValueKind == JsonValueKind.Object
        && body.TryGetProperty("SequenceNumber", out var sequence) && sequence.ValueKind == JsonValueKind.String
            ? sequence.GetString()
            : null;

    private static string? EventIdOf(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty("eventID", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private sealed class Tally
    {
        public int Applied { get; private set; }

        public int Duplicates { get; private set; }

        public int Healed { get; private set; }

        public int Ignored { get; set; }

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
