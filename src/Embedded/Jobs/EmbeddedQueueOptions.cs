using Payments.Application.Jobs;

namespace Payments.Embedded.Jobs;

/// <summary>The embedded queue's settings; defaults are the payment queue's spec figures (<see cref="PaymentQueueSpec"/>), as in the cloud.</summary>
public sealed record EmbeddedQueueOptions
{
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(PaymentQueueSpec.VisibilityTimeoutSeconds);

    public int MaxReceives { get; init; } = PaymentQueueSpec.MaxReceiveCount;
}
