namespace Payments.Domain.Ramps;

/// <summary>
/// A provider's final answer for one request key. Permanent outcomes are values; a transient fault
/// (provider down, timeout) is a <see cref="RampUnavailableException"/>, because it is not an answer
/// and the same request may be retried.
/// </summary>
public abstract record RampResult
{
    private RampResult()
    {
    }

    /// <summary>The conversion happened: <paramref name="Amount"/> is what came out, <paramref name="Rate"/> output per unit of input.</summary>
    public sealed record Settled(string TransactionId, decimal Amount, decimal Rate) : RampResult;

    /// <summary>The provider refused for good (limits, compliance, unsupported currency); retrying will not help.</summary>
    public sealed record Refused(string Reason) : RampResult;
}
