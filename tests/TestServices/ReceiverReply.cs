namespace Payments.TestServices;

/// <summary>
/// One scripted answer of <see cref="WebhookReceiver"/>: a status, headers, and a delay before answering (a slow
/// receiver). An int converts to a plain reply, so <c>Script("/hook", 500, 500, 200)</c> reads as the sequence it is.
/// </summary>
public sealed record ReceiverReply(int Status, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default, string Body = "")
{
    public static implicit operator ReceiverReply(int status) => FromInt32(status);

    public static ReceiverReply FromInt32(int status) => new(status);

    public static ReceiverReply TooManyRequests(int retryAfterSeconds) =>
        new(429, new Dictionary<string, string>(StringComparer.Ordinal) { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static ReceiverReply Slow(TimeSpan delay, int status = 200) => new(status, Delay: delay);
}
