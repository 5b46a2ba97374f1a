namespace Payments.Functions.OperatorConsole;

/// <summary>The latest signed checkpoint the payment's events were checked against, and whether its signature holds.</summary>
public sealed record ProofStatus(long TreeSize, DateTimeOffset IssuedAt, string KeyId, bool SignatureVerifies);
