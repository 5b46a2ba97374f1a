namespace Payments.Functions.Api.Contracts;

/// <summary>A message a queue gave up on, its body verbatim.</summary>
public sealed record DeadLetterResponse(string MessageId, string Body, int ReceiveCount, DateTimeOffset DeadLetteredAt);
