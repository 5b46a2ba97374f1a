using System.Text.Json.Serialization;

namespace Payments.Functions.Api.Contracts;

/// <summary>
/// POST /payments body. Every field is nullable so a missing one is a field error, not a parse failure; the amount stays
/// the text the client sent until the domain has checked it.
/// </summary>
public sealed record CreatePaymentBody(
    [property: JsonConverter(typeof(AmountTextConverter))] string? Amount,
    string? Currency,
    string? SourceAccount,
    string? DestinationAccount);
