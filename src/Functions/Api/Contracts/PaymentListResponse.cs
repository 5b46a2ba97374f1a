namespace Payments.Functions.Api.Contracts;

/// <summary>One page of the caller's payments, newest first; pass <paramref name="NextCursor"/> back as `cursor`.</summary>
public sealed record PaymentListResponse(IReadOnlyList<PaymentResponse> Items, string? NextCursor);
