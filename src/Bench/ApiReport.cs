namespace Payments.Bench;

/// <summary>What `api --out` writes.</summary>
internal sealed record ApiReport(MachineDescription Machine, string Generator, double SecondsPerRow, IReadOnlyList<ApiRow> Rows);
