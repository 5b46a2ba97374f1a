namespace Payments.Application.Audit;

/// <summary>Something wrong with the log at a global position, in words an auditor can act on.</summary>
public sealed record AuditFinding(long Position, string Reason);
