using Payments.Domain.Requests;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api;

/// <summary>Every error the API returns, as application/problem+json with a stable type URI.</summary>
public static class Problems
{
    private const string TypeBase = "https://payments.example/problems/";

    public static IResult Validation(IEnumerable<FieldError> errors) =>
        Write(new ApiProblem(TypeBase + "validation", "The request is invalid", 400, "One or more fields are invalid; nothing was recorded.",
            errors.Select(e => new FieldErrorResponse(e.Field, e.Code, e.Message)).ToList()));

    /// <param name="code">Stable and machine-readable: malformed, not_an_object, unknown_member, wrong_type, duplicate_member, invalid_unicode.</param>
    /// <param name="subject">What the body should have been: "payment", "webhook endpoint".</param>
    public static ProblemResult MalformedBody(string field, string detail, string code = "malformed", string subject = "payment") =>
        Write(new ApiProblem(TypeBase + "malformed-body", $"The request body is not a valid {subject}", 400, detail,
            [new FieldErrorResponse(field, code, detail)]));

    public static IResult Unauthorized() =>
        Write(new ApiProblem(TypeBase + "unauthorized", "Authentication required", 401, "Send Authorization: Bearer <api key>."));

    public static IResult NotFound(string what) =>
        Write(new ApiProblem(TypeBase + "not-found", "Not found", 404, $"{what} does not exist or belongs to another client."));

    /// <summary>The payment exists (and the caller may see it) but had no state at the point asked for.</summary>
    public static IResult NotAtPoint(Guid paymentId, string why) =>
        Write(new ApiProblem(TypeBase + "not-found-at-point", "No state at that point", 404, $"Payment {paymentId} has no state at that point: {why}.",
            PaymentId: paymentId));

    public static IResult DuplicateRequest(Guid paymentId, string status) =>
        Write(new ApiProblem(TypeBase + "duplicate-request", "Idempotency key already used", 409,
            "A payment was already created with this Idempotency-Key and the same body; it was not created again.",
            PaymentId: paymentId, PaymentStatus: status));

    public static IResult KeyReusedWithDifferentBody(Guid paymentId) =>
        Write(new ApiProblem(TypeBase + "idempotency-key-reused", "Idempotency key reused with a different request", 422,
            "This Idempotency-Key belongs to a payment with a different body; nothing was recorded. Use a new key for a new payment.",
            PaymentId: paymentId));

    /// <summary>
    /// The key's claim belongs to another client's payment, which only data from before client ids were validated can
    /// hold (a client id with '/' made <c>client/key</c> ambiguous): refused without naming that payment.
    /// </summary>
    public static IResult KeyUnavailable() =>
        Write(new ApiProblem(TypeBase + "idempotency-key-unavailable", "Idempotency key unavailable", 422,
            "This Idempotency-Key cannot be used by this client; nothing was recorded. Use a new key for a new payment."));

    /// <summary>The endpoint kept changing under the request (another writer won every retry); nothing was changed.</summary>
    public static IResult EndpointConflict() =>
        Write(new ApiProblem(TypeBase + "endpoint-conflict", "The webhook endpoint changed concurrently", 409,
            "Another change to this webhook endpoint was saved while this one was applied; nothing was changed. Read it again and retry."));

    /// <summary>A replay that cannot run as asked: a disabled endpoint is a conflict with its state (409), a bad window a 400.</summary>
    public static IResult ReplayRefused(string field, string code, string message, bool conflict) =>
        Write(new ApiProblem(
            TypeBase + (conflict ? "endpoint-disabled" : "validation"),
            conflict ? "The webhook endpoint is disabled" : "The request is invalid",
            conflict ? 409 : 400,
            message,
            [new FieldErrorResponse(field, code, message)]));

    public static IResult Forbidden() =>
        Write(new ApiProblem(TypeBase + "forbidden", "Forbidden", 403, "This API key may not use this endpoint."));

    /// <summary>Whatever went wrong stays in the log under the trace id; the client learns only that, never a stack trace.</summary>
    public static IResult Unexpected() =>
        Write(new ApiProblem(TypeBase + "internal-error", "Unexpected error", 500,
            "The server could not complete the request. Retrying with the same Idempotency-Key is safe; quote the trace_id if it persists."));

    /// <summary>The ledger stopped taking writes to protect what it holds (fail-stop); a restart brings it back.</summary>
    public static IResult StorageFaulted(string reason) =>
        Write(new ApiProblem(TypeBase + "storage-unavailable", "The ledger's storage is unavailable", 503,
            $"The ledger stopped accepting payments after a storage fault ({reason}); what it accepted before is safe. " +
            "This request may or may not have been recorded: retry later with the same Idempotency-Key."));

    /// <summary>The caller used up its rate limit; <paramref name="retryAfterSeconds"/> is also sent as Retry-After.</summary>
    public static IResult TooManyRequests(int retryAfterSeconds) =>
        Write(new ApiProblem(TypeBase + "rate-limited", "Too many requests", 429,
            $"This client sent more requests than its rate limit allows; nothing was done. Retry after {retryAfterSeconds} s."));

    /// <summary>The request ran past its deadline; a write may have happened before it was cut off.</summary>
    public static IResult Timeout(TimeSpan deadline) =>
        Write(new ApiProblem(TypeBase + "timeout", "The request timed out", 504,
            $"The server did not finish within {deadline.TotalSeconds:0.###} s. A payment may or may not have been recorded: retry with the same Idempotency-Key."));

    public static IResult TooLarge(int limit) =>
        Write(new ApiProblem(TypeBase + "body-too-large", "Request body too large", 413, $"The body must be at most {limit} bytes."));

    public static IResult UnsupportedMediaType() =>
        Write(new ApiProblem(TypeBase + "unsupported-media-type", "Unsupported media type", 415, "Send the body as Content-Type: application/json."));

    private static ProblemResult Write(ApiProblem problem) => new(problem);
}
