using Payments.Domain.Requests;

namespace Payments.Functions.Api;

/// <summary>
/// Turns an HTTP request into a validated payment request or the problem that explains why not: the body through the
/// hardened <see cref="JsonBodyReader"/>, then the Idempotency-Key and the domain's validation.
/// </summary>
public static class PaymentRequestReader
{
    public const int MaxBodyBytes = JsonBodyReader.MaxBodyBytes;
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly JsonBodyReader Body = new("payment", "amount, currency, source_account, destination_account");

    public static async Task<(ValidPaymentRequest? Request, IdempotencyKey Key, IResult? Problem)> Read(HttpRequest http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (parsed, problem) = await Body.Read(http, ApiJsonContext.Default.CreatePaymentBody, cancellationToken);
        if (parsed is null)
        {
            return (null, default, problem);
        }

        var errors = new List<FieldError>();
        var key = ReadKey(http.Headers[IdempotencyKeyHeader], errors);
        var request = new PaymentRequest(null, parsed.Currency, parsed.SourceAccount, parsed.DestinationAccount) { AmountText = parsed.Amount };
        errors.AddRange(PaymentRequestValidator.Validate(request, out var valid));
        return errors.Count > 0 ? (null, default, Problems.Validation(errors)) : (valid, key, null);
    }

    /// <summary>
    /// One Idempotency-Key: two header lines could name two different payments to two different readers, so they are
    /// refused rather than joined or picked from.
    /// </summary>
    private static IdempotencyKey ReadKey(Microsoft.Extensions.Primitives.StringValues values, List<FieldError> errors)
    {
        if (values.Count > 1)
        {
            errors.Add(new FieldError(IdempotencyKeyHeader, "duplicate_header", $"{IdempotencyKeyHeader} was sent {values.Count} times; send it exactly once"));
            return default;
        }

        if (!IdempotencyKey.TryParse(values.ToString(), out var key, out var keyError))
        {
            errors.Add(new FieldError(IdempotencyKeyHeader, values.Count == 0 || values[0]!.Length == 0 ? "required" : "invalid", $"{IdempotencyKeyHeader} {keyError}"));
        }

        return key;
    }
}
