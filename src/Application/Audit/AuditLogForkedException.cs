namespace Payments.Application.Audit;

/// <summary>
/// The event log disagrees with the tree built from it: an event the tree holds changed, or a position is missing.
/// The builder stops rather than extend a tree over a rewritten log; an auditor must look.
/// </summary>
public sealed class AuditLogForkedException : Exception
{
    public AuditLogForkedException()
    {
    }

    public AuditLogForkedException(string message)
        : base(message)
    {
    }

    public AuditLogForkedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AuditLogForkedException(long position, string reason)
        : base($"Audit log: position {position}: {reason}") => Position = position;

    public long Position { get; }
}
