namespace Payments.Functions.Tests.Lambda.Runtime;

/// <summary>What the function posted back for one invocation: a response, or an error document and its type header.</summary>
internal sealed record LambdaOutcome(string? Response, string? Error, string? ErrorTypeHeader);
