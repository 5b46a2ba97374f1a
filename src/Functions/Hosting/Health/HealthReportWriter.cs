using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Payments.Functions.Api;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Hosting.Health;

/// <summary>Health reports as JSON (source-generated), so an operator sees which check failed and why, not just "Unhealthy".</summary>
public static class HealthReportWriter
{
    public static Task Write(HttpContext http, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(report);
        var body = new HealthReportResponse(
            Name(report.Status),
            report.Entries.Select(e => new HealthCheckEntry(
                e.Key,
                Name(e.Value.Status),
                e.Value.Description,
                e.Value.Data.ToDictionary(d => d.Key, d => Convert.ToString(d.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal))).ToList());
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, body, ApiJsonContext.Default.HealthReportResponse, http.RequestAborted);
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}
