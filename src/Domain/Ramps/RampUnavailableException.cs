namespace Payments.Domain.Ramps;

/// <summary>A transient provider fault: nothing was converted and the same request key may be retried.</summary>
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
