namespace Payments.Application.Jobs;

/// <summary>A job the queue gave up on, kept for an operator.</summary>
public sealed record DeadLetteredJob(string MessageId, string Body, int ReceiveCount, DateTimeOffset DeadLetteredAt);
