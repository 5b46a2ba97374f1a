namespace Payments.Application.Audit;

/// <summary>
/// The outcome of walking the whole log: how much was checked, the checkpoint it was held against (if any), and every
/// finding in position order (the first is the first bad position).
/// </summary>
public sealed record AuditReport(long EventsChecked, int Streams, long? CheckpointSize, bool? SignatureValid, IReadOnlyList<AuditFinding> Findings)
{
    public bool IsIntact => Findings.Count == 0 && SignatureValid != false;

    public AuditFinding? FirstBad => Findings.Count > 0 ? Findings.MinBy(f => f.Position) : null;
}
