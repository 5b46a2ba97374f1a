using System.Buffers;
using System.Text.Json;
using Payments.Domain.Requests;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api;

/// <summary>
/// Turns an HTTP request into a validated payment request or the problem that explains why not,
/// checking cheap things first (content type, size) and never reading more than the limit.
/// </summary>
public static class PaymentRequestReader
{
    public const int MaxBodyBytes = 16 * 1024;
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static async Task<(ValidPaymentRequest? Request, IdempotencyKey Key, IResult? Problem)> Read(HttpRequest http, CancellationToken cancellationToken)
    {
        if (!IsJson(http.ContentType))
        {
            return (null, default, Problems.UnsupportedMediaType());
        }

        if (http.ContentLength > MaxBodyBytes)
        {
            return (null, default, Problems.TooLarge(MaxBodyBytes));
        }

        var body = await ReadBounded(http.Body, cancellationToken);
        if (body is null)
        {
            return (null, default, Problems.TooLarge(MaxBodyBytes));
        }

        var errors = new List<FieldError>();
        if (!IdempotencyKey.TryParse(http.Headers[IdempotencyKeyHeader].ToString(), out var key, out var keyError))
        {
            errors.Add(new FieldError(IdempotencyKeyHeader, string.IsNullOrEmpty(http.Headers[IdempotencyKeyHeader]) ? "required" : "invalid", $"{IdempotencyKeyHeader} {keyError}"));
        }

        if (!IsWellFormedJson(body))
        {
            return (null, default, Problems.MalformedBody("body", "The body is not well-formed JSON (empty, truncated or followed by extra data)."));
        }

        CreatePaymentBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, ApiJsonContext.Default.CreatePaymentBody);
        }
        catch (JsonException e)
        {
            var (field, detail) = Describe(e);
            return (null, default, Problems.MalformedBody(field, detail));
        }

        if (parsed is null)
        {
            return (null, default, Problems.MalformedBody("body", "The body must be a JSON object."));
        }

        errors.AddRange(PaymentRequestValidator.Validate(new PaymentRequest(parsed.Amount, parsed.Currency, parsed.SourceAccount, parsed.DestinationAccount), out var valid));
        return errors.Count > 0 ? (null, default, Problems.Validation(errors)) : (valid, key, null);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads at most the limit; null when the body is longer (chunked bodies have no Content-Length to check).</summary>
    private static async Task<byte[]?> ReadBounded(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var total = 0;
            int read;
            while (total <= MaxBodyBytes && (read = await body.ReadAsync(buffer.AsMemory(total, MaxBodyBytes + 1 - total), cancellationToken)) > 0)
            {
                total += read;
            }

            return total > MaxBodyBytes ? null : buffer.AsSpan(0, total).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsWellFormedJson(byte[] body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A reason a client can act on, without the .NET type names System.Text.Json puts in its messages.</summary>
    private static (string Field, string Detail) Describe(JsonException e)
    {
        var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        var message = e.Message;
        if (message.StartsWith("The JSON property '", StringComparison.Ordinal))
        {
            var name = message.Split('\'')[1];
            return (name, $"Unknown field '{name}'; allowed: amount, currency, source_account, destination_account.");
        }

        if (e.InnerException is null && message.StartsWith("amount ", StringComparison.Ordinal))
        {
            var end = message.IndexOf(" Path:", StringComparison.Ordinal);
            return ("amount", end > 0 ? message[..end] : message);
        }

        return field == "body"
            ? (field, "The body must be one complete JSON object.")
            : (field, $"{field} has the wrong JSON type or is malformed.");
    }
}
