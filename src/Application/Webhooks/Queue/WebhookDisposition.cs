namespace Payments.Application.Webhooks.Queue;

/// <summary>What to do with one webhook queue message once the handler is done with it.</summary>
public abstract record WebhookDisposition(string Why)
{
    public sealed record Done(string Why) : WebhookDisposition(Why);

    /// <summary>A failed attempt: try again after <paramref name="Delay"/>.</summary>
    public sealed record Retry(TimeSpan Delay, string Why) : WebhookDisposition(Why);

    /// <summary>Not attempted (throttled): back after <paramref name="Delay"/>, no attempt used.</summary>
    public sealed record Defer(TimeSpan Delay, string Why) : WebhookDisposition(Why);

    /// <summary>Every attempt of the round failed: dead-letter it now.</summary>
    public sealed record DeadLetter(string Why) : WebhookDisposition(Why);
}
