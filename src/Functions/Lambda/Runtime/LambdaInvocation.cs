namespace Payments.Functions.Lambda.Runtime;

/// <summary>One event handed to this function by the Lambda Runtime API, with the time it must answer by and its X-Ray trace header.</summary>
public sealed record LambdaInvocation(string RequestId, DateTimeOffset Deadline, string EventJson, string? TraceId = null);
