namespace Payments.Functions.Api.Contracts;

/// <summary>What an operator action did: <c>requeued</c>, <c>handled</c>, <c>redelivery_queued</c> or <c>failed_again</c> (with the error kept).</summary>
public sealed record OperatorActionResponse(string Outcome);
