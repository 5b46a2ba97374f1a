using System.Text.Json.Serialization;

namespace Payments.Functions.Api.Contracts;

/// <summary>POST /payments body. Every field is nullable so a missing one is a field error, not a parse failure.</summary>
public sealed record CreatePaymentBody(
    [property: JsonConverter(typeof(ExactDecimalConverter))] decimal? Amount,
    string? Currency,
    string? SourceAccount,
    string? DestinationAccount);
