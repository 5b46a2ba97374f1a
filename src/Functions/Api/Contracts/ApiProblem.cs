using System.Text.Json.Serialization;

namespace Payments.Functions.Api.Contracts;

/// <summary>
/// RFC 9457 problem details, our own shape so it serializes through the source-generated context.
/// <paramref name="PaymentId"/> and <paramref name="PaymentStatus"/> name the existing payment on idempotency conflicts;
/// <paramref name="TraceId"/> (W3C trace id of the request) is what a client quotes to support.
/// </summary>
public sealed record ApiProblem(
    string Type,
    string Title,
    int Status,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FieldErrorResponse>? Errors = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? PaymentId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PaymentStatus = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceId = null);
