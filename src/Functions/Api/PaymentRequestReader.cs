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
        var key = ReadKey(http.Headers[IdempotencyKeyHeader], errors);

        // Before deserializing: a gateway in front of us and this reader must see the same payment in the same bytes.
        if (Scan(body) is { } bodyProblem)
        {
            return (null, default, bodyProblem);
        }

        CreatePaymentBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, ApiJsonContext.Default.CreatePaymentBody);
        }
        catch (JsonException e)
        {
            var (field, code, detail) = Describe(e);
            return (null, default, Problems.MalformedBody(field, detail, code));
        }

        if (parsed is null)
        {
            return (null, default, Problems.MalformedBody("body", "The body must be a JSON object.", "not_an_object"));
        }

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

    /// <summary>
    /// Reads the whole body once, token by token: it must be one well-formed JSON value, hold no member twice in any
    /// object at any depth (compared after unescaping, so "amount" and "\u0061mount" are the same member), and every
    /// string must be valid Unicode. Null when it is; otherwise the problem, naming the path of what is wrong.
    /// </summary>
    private static ProblemResult? Scan(byte[] body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        var containers = new Stack<Container>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var parent = containers.TryPeek(out var p) ? p : null;
                        var path = parent is null ? "" : parent.ChildPath();
                        containers.Push(new Container(path, reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        containers.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var current = containers.Peek();
                        if (!TryGetString(ref reader, out var name))
                        {
                            return InvalidUnicode(current.Path.Length == 0 ? "body" : current.Path);
                        }

                        current.Member = name;
                        if (!current.Members!.Add(name))
                        {
                            var field = current.ChildPath();
                            return Problems.MalformedBody(field, $"The member '{field}' appears more than once; send each member exactly once.", "duplicate_member");
                        }

                        break;
                    case JsonTokenType.String when !TryGetString(ref reader, out _):
                        return InvalidUnicode(containers.TryPeek(out var owner) ? owner.ChildPath() : "body");
                }
            }

            return reader.BytesConsumed > 0 ? null : NotJson();
        }
        catch (JsonException)
        {
            return NotJson();
        }
    }

    private static bool TryGetString(ref Utf8JsonReader reader, out string value)
    {
        try
        {
            value = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8, or an escaped lone surrogate such as "\uD800": no string a reader could agree on.
            value = "";
            return false;
        }
    }

    private static ProblemResult NotJson() =>
        Problems.MalformedBody("body", "The body is not well-formed JSON (empty, truncated or followed by extra data).");

    private static ProblemResult InvalidUnicode(string field) =>
        Problems.MalformedBody(field, $"{field} holds invalid UTF-8 or an unpaired surrogate escape; send valid Unicode text.", "invalid_unicode");

    /// <summary>An object or array being scanned: where it sits, and for an object the members read so far.</summary>
    private sealed class Container(string path, HashSet<string>? members)
    {
        public string Path { get; } = path;

        public HashSet<string>? Members { get; } = members;

        public string? Member { get; set; }

        public string ChildPath() => Members is null ? Path + "[]" : Path.Length == 0 ? Member ?? "" : $"{Path}.{Member}";
    }

    /// <summary>A reason a client can act on, without the .NET type names System.Text.Json puts in its messages.</summary>
    private static (string Field, string Code, string Detail) Describe(JsonException e)
    {
        var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        var message = e.Message;
        if (message.StartsWith("The JSON property '", StringComparison.Ordinal))
        {
            var name = message.Split('\'')[1];
            return (name, "unknown_member", $"Unknown field '{name}'; allowed: amount, currency, source_account, destination_account (lower case).");
        }

        if (e.InnerException is null && message.StartsWith("amount ", StringComparison.Ordinal))
        {
            var end = message.IndexOf(" Path:", StringComparison.Ordinal);
            return ("amount", "wrong_type", end > 0 ? message[..end] : message);
        }

        return field == "body"
            ? (field, "not_an_object", "The body must be one complete JSON object.")
            : (field, "wrong_type", $"{field} has the wrong JSON type or is malformed.");
    }
}
