namespace Payments.Functions.Jobs.Embedded;

/// <summary>A job the embedded queue gave up on, kept for an operator.</summary>
public sealed record DeadLetteredJob(string MessageId, string Body, int ReceiveCount, DateTimeOffset DeadLetteredAt);
