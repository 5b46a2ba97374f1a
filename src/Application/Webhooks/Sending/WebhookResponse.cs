namespace Payments.Application.Webhooks.Sending;

/// <summary>
/// What one POST came to: the status code (null when no answer: timeout, refused address, connection failure), the
/// latency, an error for the record, and the receiver's <c>Retry-After</c> when it gave one.
/// </summary>
public sealed record WebhookResponse(int? StatusCode, TimeSpan Latency, string? Error, TimeSpan? RetryAfter)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
