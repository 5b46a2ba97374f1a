namespace Payments.Functions.Api.Contracts;

/// <summary>Every parked event of every log consumer, by consumer then position.</summary>
public sealed record ParkedEventListResponse(IReadOnlyList<ParkedEventResponse> Items);
