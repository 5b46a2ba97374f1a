namespace Payments.TestServices.Audit;

/// <summary>A write committed but its answer never came back (a timeout, a dropped connection).</summary>
public sealed class AcknowledgementLostException : Exception
{
    public AcknowledgementLostException()
        : base("The append committed but its acknowledgement was lost.")
    {
    }

    public AcknowledgementLostException(string message)
        : base(message)
    {
    }

    public AcknowledgementLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
