namespace Payments.Bench;

/// <summary>What `append --out` writes.</summary>
internal sealed record AppendReport(MachineDescription Machine, double SecondsPerRow, int RowBytes, IReadOnlyList<AppendRow> Rows);
