namespace Payments.Domain.State;

/// <summary>A stored history contains a transition the domain never allows: the ledger is corrupt or a bug wrote it.</summary>
public sealed class IllegalPaymentHistoryException : Exception
{
    public IllegalPaymentHistoryException(string message)
        : base(message)
    {
    }

    public IllegalPaymentHistoryException()
    {
    }

    public IllegalPaymentHistoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
