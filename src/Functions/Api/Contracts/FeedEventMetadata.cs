namespace Payments.Functions.Api.Contracts;

/// <summary>Who caused a feed event and in which conversation (the request's correlation id, the causing event).</summary>
public sealed record FeedEventMetadata(string CorrelationId, string? CausationId, string Actor);
