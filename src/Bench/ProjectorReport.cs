namespace Payments.Bench;

/// <summary>What `projector --out` writes.</summary>
internal sealed record ProjectorReport(
    MachineDescription Machine, string Generator, int OfferedRate, double Seconds, string RampLatency, ProjectorLag Lag, ProjectorCatchUp? CatchUp);
