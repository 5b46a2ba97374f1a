namespace Payments.Aws.Topology;

/// <summary>What invokes a function: an event source mapping (SQS, Streams), the HTTP API, or a schedule.</summary>
public abstract record FunctionTrigger
{
    private FunctionTrigger()
    {
    }

    /// <summary>SQS event source mapping; failed messages come back as batch item failures.</summary>
    public sealed record Sqs(ResourceRef Queue, int BatchSize, int? MaximumConcurrency, bool ReportBatchItemFailures = true) : FunctionTrigger;

    /// <summary>
    /// DynamoDB Streams event source mapping: the cloud column's poison policy — retries, bisect on error, and an
    /// on-failure destination that keeps what could not be handled (the parked events of the embedded column).
    /// </summary>
    public sealed record Stream(
        ResourceRef Table, int BatchSize, int MaximumRetryAttempts, bool BisectBatchOnFunctionError, ResourceRef OnFailure, string StartingPosition = "TRIM_HORIZON", bool ReportBatchItemFailures = true)
        : FunctionTrigger;

    /// <summary>Every route of the HTTP API (payload format 2.0).</summary>
    public sealed record HttpApi : FunctionTrigger;

    public sealed record Schedule(string Expression) : FunctionTrigger;
}
