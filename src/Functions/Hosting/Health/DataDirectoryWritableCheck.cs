using Microsoft.Extensions.Diagnostics.HealthChecks;
using Payments.Embedded;

namespace Payments.Functions.Hosting.Health;

/// <summary>
/// Ready only while the data directory takes a durable write: a full disk or a read-only remount turns it unhealthy
/// before appends start failing. The probe is a small file written, flushed to disk and removed.
/// </summary>
public sealed class DataDirectoryWritableCheck(DataDirectoryLayout files) : IHealthCheck
{
    private static readonly byte[] Probe = new byte[512];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(files.Directory, ".ready-probe-" + Environment.ProcessId);
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                await file.WriteAsync(Probe, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Delete(path);
            return HealthCheckResult.Healthy($"{files.Directory} accepts durable writes");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"{files.Directory} refuses writes: {e.Message}", e);
        }
    }
}
