namespace Payments.Functions.Api.Contracts;

public sealed record FieldErrorResponse(string Field, string Code, string Message);
