using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Payments.Functions.Api;

/// <summary>
/// Reads a JSON request body into a wire shape or the problem that explains why not, checking cheap things first
/// (content type, size), never reading more than the limit, and refusing a body two readers could understand
/// differently (a repeated member, invalid Unicode) before deserializing it.
/// </summary>
/// <param name="Subject">What the body should be ("payment"), for problem titles.</param>
/// <param name="AllowedMembers">The members the shape accepts, named in the answer to an unknown one.</param>
public sealed record JsonBodyReader(string Subject, string AllowedMembers)
{
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The body's bytes once they are one well-formed JSON value within the limit, without repeated members.</summary>
    public async Task<(byte[]? Body, IResult? Problem)> ReadBytes(HttpRequest http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!IsJson(http.ContentType))
        {
            return (null, Problems.UnsupportedMediaType());
        }

        if (http.ContentLength > MaxBodyBytes)
        {
            return (null, Problems.TooLarge(MaxBodyBytes));
        }

        var body = await ReadBounded(http.Body, cancellationToken);
        if (body is null)
        {
            return (null, Problems.TooLarge(MaxBodyBytes));
        }

        // Before deserializing: a gateway in front of us and this reader must see the same request in the same bytes.
        return Scan(body) is { } problem ? (null, problem) : (body, null);
    }

    /// <summary>Deserializes bytes <see cref="ReadBytes"/> accepted; a wrong type or an unknown member is a problem naming the field.</summary>
    public (T? Value, IResult? Problem) Deserialize<T>(byte[] body, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) is { } value
                ? (value, null)
                : (null, Malformed("body", "The body must be a JSON object.", "not_an_object"));
        }
        catch (JsonException e)
        {
            var (field, code, detail) = Describe(e);
            return (null, Malformed(field, detail, code));
        }
    }

    public async Task<(T? Value, IResult? Problem)> Read<T>(HttpRequest http, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var (body, problem) = await ReadBytes(http, cancellationToken);
        return body is null ? (null, problem) : Deserialize(body, type);
    }

    private ProblemResult Malformed(string field, string detail, string code = "malformed") => Problems.MalformedBody(field, detail, code, Subject);

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
    private ProblemResult? Scan(byte[] body)
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
                            return Malformed(field, $"The member '{field}' appears more than once; send each member exactly once.", "duplicate_member");
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

    private ProblemResult NotJson() =>
        Malformed("body", "The body is not well-formed JSON (empty, truncated or followed by extra data).");

    private ProblemResult InvalidUnicode(string field) =>
        Malformed(field, $"{field} holds invalid UTF-8 or an unpaired surrogate escape; send valid Unicode text.", "invalid_unicode");

    /// <summary>A reason a client can act on, without the .NET type names System.Text.Json puts in its messages.</summary>
    private (string Field, string Code, string Detail) Describe(JsonException e)
    {
        var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        var message = e.Message;
        if (message.StartsWith("The JSON property '", StringComparison.Ordinal))
        {
            var name = message.Split('\'')[1];
            return (name, "unknown_member", $"Unknown field '{name}'; allowed: {AllowedMembers} (lower case).");
        }

        // Our own converters word their messages for clients and start them with the member's name.
        if (e.InnerException is null && field != "body" && message.StartsWith(field + " ", StringComparison.Ordinal))
        {
            var end = message.IndexOf(" Path:", StringComparison.Ordinal);
            return (field, "wrong_type", end > 0 ? message[..end] : message);
        }

        return field == "body"
            ? (field, "not_an_object", "The body must be one complete JSON object.")
            : (field, "wrong_type", $"{field} has the wrong JSON type or is malformed.");
    }

    /// <summary>An object or array being scanned: where it sits, and for an object the members read so far.</summary>
    private sealed class Container(string path, HashSet<string>? members)
    {
        public string Path { get; } = path;

        public HashSet<string>? Members { get; } = members;

        public string? Member { get; set; }

        public string ChildPath() => Members is null ? Path + "[]" : Path.Length == 0 ? Member ?? "" : $"{Path}.{Member}";
    }
}
