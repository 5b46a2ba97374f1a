namespace Payments.EventStore.Contract;

/// <summary>Who caused an event and in which conversation: lets an auditor trace a fact to its request.</summary>
public sealed record EventMetadata(string CorrelationId, string? CausationId, string Actor);
