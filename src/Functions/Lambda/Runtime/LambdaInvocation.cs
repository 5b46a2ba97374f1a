namespace Payments.Functions.Lambda.Runtime;

/// <summary>One event handed to this function by the Lambda Runtime API, with the time it must answer by.</summary>
public sealed record LambdaInvocation(string RequestId, DateTimeOffset Deadline, string EventJson);
