namespace Payments.Bench;

/// <summary>What `pipeline --out` writes.</summary>
internal sealed record PipelineReport(MachineDescription Machine, string Generator, IReadOnlyList<PipelineRun> Runs);
