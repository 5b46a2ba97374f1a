namespace Payments.Functions.OperatorConsole.Live;

/// <summary>Closes a <see cref="LiveMetrics"/> slot every <see cref="LiveMetrics.Resolution"/>.</summary>
public sealed class LiveMetricsTicker(LiveMetrics metrics, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LiveMetrics.Resolution, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                metrics.Tick();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
