namespace Payments.Application.Jobs;

/// <summary>
/// The payment queue's spec figures in one place: the embedded queue, the SQS adapter and the cloud topology all read
/// them from here, so the laptop and the cloud cannot drift apart.
/// </summary>
public static class PaymentQueueSpec
{
    /// <summary>A worker Lambda runs up to 300 s; the job stays hidden at least that long.</summary>
    public const int VisibilityTimeoutSeconds = 300;

    public const int MessageRetentionSeconds = 14 * 24 * 60 * 60;

    /// <summary>Long polling: the longest wait SQS allows.</summary>
    public const int ReceiveWaitSeconds = 20;

    /// <summary>Receives after which a job that was not completed is dead-lettered.</summary>
    public const int MaxReceiveCount = 3;

    /// <summary>The worker handles one payment per invocation.</summary>
    public const int BatchSize = 1;

    /// <summary>Dead letters are kept as long as SQS allows, for the operator to inspect.</summary>
    public const int DeadLetterRetentionSeconds = 14 * 24 * 60 * 60;
}
