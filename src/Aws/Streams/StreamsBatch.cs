using System.Text.Json;
using Payments.EventStore.Contract;
using Payments.Aws.EventStore;

namespace Payments.Aws.Streams;

/// <summary>
/// What every consumer of the events table's stream shares: read Lambda's Streams event, turn each
/// INSERT/MODIFY NewImage back into the stored event and hand it to the consumer on its own, in order,
/// stopping at the first record that fails. That record and every later one are named in
/// <c>batchItemFailures</c>: Lambda checkpoints a stream at the lowest reported sequence number and resends
/// everything from there, so a record handled after a failure would be handled again on the retry (a second
/// job for a payment), and would have been handled ahead of an earlier event it may depend on.
/// </summary>
public static class StreamsBatch
{
    /// <summary>Lambda's synchronous payload ceiling; anything bigger did not come from Lambda.</summary>
    public const int MaxEventBytes = 6 * 1024 * 1024;

    /// <summary>
    /// Throws <see cref="JsonException"/> when the event itself is unreadable or a record has no sequence
    /// number, before handling any record: not every record can be named, so the whole batch must retry.
    /// Returns the failures (the first failed record and all after it) and how many REMOVE records were
    /// skipped (events are never deleted; a TTL or manual delete is not a fact).
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

        // Every record must be nameable before any is handled: an unnamed record after a failure could not be
        // reported, and one before it must not be handled only to be resent with the whole batch.
        var sequenceNumbers = records.EnumerateArray()
            .Select(r => SequenceNumberOf(r) ?? throw new JsonException("A Streams record without dynamodb.SequenceNumber cannot be reported as a batch item failure."))
            .ToList();

        var failures = new List<StreamsBatchItemFailure>();
        var ignored = 0;
        var index = 0;
        foreach (var element in records.EnumerateArray())
        {
            try
            {
                var stored = ToStoredEvent(element);
                if (stored is null)
                {
                    ignored++;
                }
                else
                {
                    await consume(stored).ConfigureAwait(false);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                StreamsLog.RecordFailed(logger, error, sequenceNumbers[index], EventIdOf(element), sequenceNumbers.Count - index - 1);
                failures.AddRange(sequenceNumbers.Skip(index).Select(n => new StreamsBatchItemFailure(n)));
                break;
            }

            index++;
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
