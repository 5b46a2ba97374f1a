namespace Payments.Functions.Api.Contracts;

/// <summary>One queue's dead letters, oldest first.</summary>
public sealed record DeadLetterListResponse(string Queue, IReadOnlyList<DeadLetterResponse> Items);
