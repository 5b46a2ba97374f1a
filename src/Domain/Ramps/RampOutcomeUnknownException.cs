namespace Payments.Domain.Ramps;

/// <summary>
/// The request was sent and no answer came back (timeout, dropped connection): the provider may have converted.
/// Never read as "failed": only a status lookup by the request key settles what happened.
/// </summary>
public sealed class RampOutcomeUnknownException : Exception
{
    public RampOutcomeUnknownException()
    {
    }

    public RampOutcomeUnknownException(string message)
        : base(message)
    {
    }

    public RampOutcomeUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
