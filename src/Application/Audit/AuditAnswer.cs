namespace Payments.Application.Audit;

/// <summary>An audit query's document, or why the query cannot be answered (which parameter, and how it is wrong).</summary>
public sealed record AuditAnswer<T>(T? Document, string? Parameter = null, string? Refusal = null)
    where T : class;
