using System.Text.Json;

namespace Payments.Functions.Api.Contracts;

/// <summary>One stored event of a payment's history, with the hash that chains it to its predecessor.</summary>
public sealed record PaymentEventResponse(
    long Version,
    long Position,
    string Type,
    int SchemaVersion,
    DateTimeOffset OccurredAt,
    JsonElement Data,
    string CorrelationId,
    string? CausationId,
    string Actor,
    string Hash);
