using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Payments.Application.Jobs;

/// <summary>
/// "Process this payment": the whole job message. The payment's state lives in its event stream, not in the job.
/// <see cref="JobId"/> names the event that asked for the job (<see cref="IdFor"/>), so every resend of that event
/// (a Streams batch retried from a failed record, a page re-delivered) produces a job with the same id; it is
/// optional on the wire, so bodies written before it existed still parse. <see cref="Traceparent"/> and
/// <see cref="Tracestate"/> carry the W3C trace context of the request that asked for the payment (from the event's
/// metadata), so the worker's spans join the API request's trace; optional too, and absent when nothing was traced.
/// </summary>
public sealed record PaymentJob(
    [property: JsonPropertyName("payment_id")] Guid PaymentId,
    [property: JsonPropertyName("job_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? JobId = null,
    [property: JsonPropertyName("traceparent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Traceparent = null,
    [property: JsonPropertyName("tracestate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Tracestate = null)
{
    /// <summary>SQS's own message limit; anything bigger is not one of our jobs.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>The deterministic id of the job asked for by the event at <paramref name="version"/> of the payment's stream.</summary>
    public static string IdFor(Guid paymentId, long version) =>
        string.Create(CultureInfo.InvariantCulture, $"{paymentId:D}:{version}");

    public string ToJson() => JsonSerializer.Serialize(this, PaymentJobJsonContext.Default.PaymentJob);

    /// <summary>Reads a job body; null with a <paramref name="problem"/> for anything that is not a well-formed job.</summary>
    public static PaymentJob? TryParse(string? body, out string problem)
    {
        problem = "";
        if (string.IsNullOrWhiteSpace(body))
        {
            problem = "empty job body";
            return null;
        }

        if (System.Text.Encoding.UTF8.GetByteCount(body) > MaxBodyBytes)
        {
            problem = $"job body larger than {MaxBodyBytes} bytes";
            return null;
        }

        try
        {
            var job = JsonSerializer.Deserialize(body, PaymentJobJsonContext.Default.PaymentJob);
            if (job is null || job.PaymentId == Guid.Empty)
            {
                problem = "job body has no payment_id";
                return null;
            }

            return job;
        }
        catch (JsonException e)
        {
            problem = $"job body is not a payment job: {e.Message}";
            return null;
        }
    }
}
