namespace Payments.Functions.Api.Contracts;

/// <summary>The full ordered history of a payment and whether its hash chain recomputes.</summary>
public sealed record PaymentHistoryResponse(Guid PaymentId, bool ChainIntact, long? ChainBrokenAtVersion, IReadOnlyList<PaymentEventResponse> Events);
