namespace Payments.Functions.Jobs.Embedded;

/// <summary>The embedded queue's settings; defaults match the cloud payment queue (see <see cref="Sqs.PaymentQueueSettings"/>).</summary>
public sealed record EmbeddedQueueOptions
{
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(Sqs.PaymentQueueSettings.VisibilityTimeoutSeconds);

    public int MaxReceives { get; init; } = Sqs.PaymentQueueSettings.MaxReceiveCount;
}
