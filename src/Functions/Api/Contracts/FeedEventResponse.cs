using System.Text.Json;

namespace Payments.Functions.Api.Contracts;

/// <summary>
/// One event on the feed: its global <paramref name="Position"/>, its place in its payment's stream, the event as
/// stored (<paramref name="Data"/> as a JSON object) and the hash chaining it to the stream's previous event under <paramref name="HashScheme"/>.
/// </summary>
public sealed record FeedEventResponse(
    long Position,
    Guid PaymentId,
    long Version,
    string Type,
    int SchemaVersion,
    DateTimeOffset RecordedAt,
    JsonElement Data,
    FeedEventMetadata Metadata,
    string Hash,
    int HashScheme);
