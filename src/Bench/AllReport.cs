namespace Payments.Bench;

/// <summary>What `all --out` writes: the closing note's figures in one document.</summary>
internal sealed record AllReport(MachineDescription Machine, ApiReport Api, PipelineReport Pipeline, AppendReport Append);
