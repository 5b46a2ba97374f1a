using Payments.Domain.Ramps;

namespace Payments.Application.Worker;

/// <summary>How one delivery's calls for a leg ended: with the provider's answer, known not executed, or unknown.</summary>
public abstract record RampCallOutcome
{
    private RampCallOutcome()
    {
    }

    /// <summary>The provider answered: converted, or refused for good.</summary>
    public sealed record Answered(RampResult Result) : RampCallOutcome;

    /// <summary>
    /// Every call failed before the provider executed it. <paramref name="CircuitOpen"/>: the last one was never even
    /// sent, because the leg's circuit breaker is open; that says the provider is down, not that this payment failed.
    /// </summary>
    public sealed record NotExecuted(string Reason, bool CircuitOpen = false) : RampCallOutcome;

    /// <summary>At least one call was sent and went unanswered: the provider may have executed it.</summary>
    public sealed record Unknown(string Reason) : RampCallOutcome;
}
