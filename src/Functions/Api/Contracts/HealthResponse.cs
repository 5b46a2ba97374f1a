namespace Payments.Functions.Api.Contracts;

public sealed record HealthResponse(string Status, long? LastPosition);
