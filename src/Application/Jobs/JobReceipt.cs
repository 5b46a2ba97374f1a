namespace Payments.Application.Jobs;

/// <summary>
/// One delivery of a job. <paramref name="ReceiptHandle"/> names this delivery (a later redelivery gets a new
/// one); <paramref name="ReceiveCount"/> counts deliveries including this one, like SQS's ApproximateReceiveCount.
/// </summary>
public sealed record JobReceipt(string MessageId, string ReceiptHandle, string Body, int ReceiveCount);
