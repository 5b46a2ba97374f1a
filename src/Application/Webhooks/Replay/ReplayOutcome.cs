using Payments.Application.Webhooks.Deliveries;

namespace Payments.Application.Webhooks.Replay;

/// <summary>The answer to a redelivery or recovery request.</summary>
public abstract record ReplayOutcome
{
    private ReplayOutcome()
    {
    }

    /// <summary>Queued: <see cref="Delivery"/> for a redelivery (a new round, same <c>webhook-id</c>), null for a recovery job.</summary>
    public sealed record Queued(WebhookDelivery? Delivery) : ReplayOutcome;

    public sealed record NotFound : ReplayOutcome;

    /// <summary>The request cannot be done as asked (a window the wrong way round or too long, a disabled endpoint).</summary>
    public sealed record Refused(string Field, string Code, string Message) : ReplayOutcome;
}
