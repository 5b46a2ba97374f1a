using System.Text.Json.Serialization;

namespace Payments.Functions.Lambda.Runtime;

/// <summary>What one scheduled sweep did, returned as the invocation's result (visible in the function's logs and tests).</summary>
public sealed record SweepResult([property: JsonPropertyName("requeued")] int Requeued);
