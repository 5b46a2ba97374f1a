namespace Payments.Domain.Requests;

/// <summary>One machine-readable reason a request was refused: which field, a stable code, and a sentence.</summary>
public sealed record FieldError(string Field, string Code, string Message);
