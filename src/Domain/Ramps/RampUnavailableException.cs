namespace Payments.Domain.Ramps;

/// <summary>
/// The provider could not take the request (down, throttled, rejected before executing): nothing was converted,
/// and the same request key may be retried. A fault after the request may have been executed is a
/// <see cref="RampOutcomeUnknownException"/> instead.
/// </summary>
public sealed class RampUnavailableException : Exception
{
    public RampUnavailableException()
    {
    }

    public RampUnavailableException(string message)
        : base(message)
    {
    }

    public RampUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
