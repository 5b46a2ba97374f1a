using System.Text.Json;
using Payments.EventStore.Contract;
using Payments.Aws.EventStore;

namespace Payments.Aws.Streams;

/// <summary>
/// What every consumer of the events table's stream shares: read Lambda's Streams event, turn each
/// INSERT/MODIFY NewImage back into the stored event, hand it to the consumer on its own, and name
/// every record that failed in <c>batchItemFailures</c> so one bad record never replays the batch.
/// </summary>
public static class StreamsBatch
{
    /// <summary>Lambda's synchronous payload ceiling; anything bigger did not come from Lambda.</summary>
    public const int MaxEventBytes = 6 * 1024 * 1024;

    /// <summary>
    /// Throws <see cref="JsonException"/> when the event itself is unreadable or a record has no sequence
    /// number: no record can be named, so the whole batch must retry. Returns the failures and how many
    /// REMOVE records were skipped (events are never deleted; a TTL or manual delete is not a fact).
    /// </summary>
    public static async Task<(StreamsBatchResponse Response, int Records, int Ignored)> Process(
        string eventJson, Func<StoredEvent, Task> consume, ILogger logger)
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

        var failures = new List<StreamsBatchItemFailure>();
        var ignored = 0;
        foreach (var element in records.EnumerateArray())
        {
            var sequenceNumber = SequenceNumberOf(element)
                ?? throw new JsonException("A Streams record without dynamodb.SequenceNumber cannot be reported as a batch item failure.");
            try
            {
                var stored = ToStoredEvent(element);
                if (stored is null)
                {
                    ignored++;
                    continue;
                }

                await consume(stored).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                StreamsLog.RecordFailed(logger, error, sequenceNumber, EventIdOf(element));
                failures.Add(new StreamsBatchItemFailure(sequenceNumber));
            }
        }

        return (new StreamsBatchResponse { BatchItemFailures = failures }, records.GetArrayLength(), ignored);
    }

    public static string Serialize(StreamsBatchResponse response) => JsonSerializer.Serialize(response, StreamsJsonContext.Default.StreamsBatchResponse);

    /// <summary>The stored event in a record, or null for a REMOVE.</summary>
    private static StoredEvent? ToStoredEvent(JsonElement element)
    {
        var record = element.Deserialize(StreamsJsonContext.Default.DynamoDbStreamRecord) ?? throw new JsonException("Streams record is JSON null.");
        if (record.EventName == DynamoDbStreamRecord.Remove)
        {
            return null;
        }

        var image = record.Dynamodb?.NewImage ?? throw new FormatException($"{record.EventName} record has no NewImage (is the stream NEW_IMAGE?).");
        return DynamoDbEventItem.ToStoredEvent(StreamImages.ToItem(image));
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
}
