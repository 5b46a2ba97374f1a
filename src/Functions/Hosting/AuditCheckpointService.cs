using Payments.Application.Audit;

namespace Payments.Functions.Hosting;

/// <summary>Signs a checkpoint every <see cref="AuditOptions.CheckpointInterval"/> when the tree grew, so auditors always find a recent one.</summary>
public sealed class AuditCheckpointService(AuditCheckpointer checkpointer, AuditOptions options, TimeProvider time, ILogger<AuditCheckpointService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CheckpointInterval, time);
        do
        {
            try
            {
                if (await checkpointer.SignIfDue(options.CheckpointInterval, stoppingToken).ConfigureAwait(false) is { } signed)
                {
                    HostLog.CheckpointSigned(logger, signed.TreeSize, signed.KeyId);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                HostLog.CheckpointFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
