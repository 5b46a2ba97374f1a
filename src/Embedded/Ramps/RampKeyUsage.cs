namespace Payments.Embedded.Ramps;

/// <summary>How often a request key was asked for (<paramref name="Calls"/>) and how often money actually moved for it (<paramref name="Executions"/>).</summary>
public sealed record RampKeyUsage(string RequestKey, long Calls, long Executions);
