using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Payments.Application.Audit;
using Payments.Application.Sweeping;
using Payments.Application.Webhooks;
using Payments.Application.Worker;
using Payments.Application.Ramps.Sandbox;
using Payments.Functions.Api.Gateway;
using Payments.Functions.Hosting.Health;
using Payments.Functions.Hosting.Telemetry;

namespace Payments.Functions.Hosting;

/// <summary>
/// Everything `serve` can be told, bound from configuration: environment variables with the <c>PAYMENTS_</c> prefix
/// (sections separated by <c>__</c>, e.g. <c>PAYMENTS_WORKER__CONCURRENCY</c>), then the command-line options, which
/// win. Validated before anything starts (<see cref="ServeOptionsValidator"/>): a bad setting stops `serve` with a
/// message naming it.
/// </summary>
public sealed class ServeOptions
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    [Required]
    public string Urls { get; set; } = DefaultUrls;

    [Required]
    [ConfigurationKeyName("DATA_DIR")]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>`client_a:key_a,client_b:key_b`; without it `serve` makes one development key.</summary>
    [ConfigurationKeyName("API_KEYS")]
    public string? ApiKeys { get; set; }

    [ValidateObjectMembers]
    public WorkerOptions Worker { get; set; } = new();

    [ValidateObjectMembers]
    public SweeperOptions Sweeper { get; set; } = new();

    [ValidateObjectMembers]
    public MockRampOptions Ramps { get; set; } = new();

    [ValidateObjectMembers]
    public ReadinessOptions Health { get; set; } = new();

    [ValidateObjectMembers]
    public WebhookOptions Webhooks { get; set; } = new();

    /// <summary>
    /// The key that seals webhook endpoint secrets. It must live outside the data directory, so a copy of the data
    /// (a backup, a support bundle) does not carry what opens the secrets; default ~/.config/payments/webhook-secrets.key.
    /// </summary>
    [ConfigurationKeyName("WEBHOOK_KEY_FILE")]
    public string? WebhookKeyFile { get; set; }

    [ValidateObjectMembers]
    public AuditOptions Audit { get; set; } = new();

    /// <summary>
    /// The ECDSA P-256 key that signs audit checkpoints, a PEM file outside the data directory (whoever can rewrite the
    /// data must not be able to sign for it); default ~/.config/payments/audit-signing-key.pem, created on first start.
    /// </summary>
    [ConfigurationKeyName("AUDIT_KEY_FILE")]
    public string? AuditKeyFile { get; set; }

    /// <summary>OTLP export (off unless an endpoint is set) and the Prometheus <c>/metrics</c> endpoint (on).</summary>
    [ValidateObjectMembers]
    public TelemetryOptions Telemetry { get; set; } = new();
    /// <summary>Per-client and per-address request rates (<c>PAYMENTS_RATELIMIT__*</c>).</summary>
    [ValidateObjectMembers]
    public ClientRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Browser origins allowed to call the API (<c>PAYMENTS_CORS__ALLOWEDORIGINS</c>); none by default.</summary>
    [ValidateObjectMembers]
    public CrossOriginOptions Cors { get; set; } = new();

    /// <summary>How long a request may run before it is answered 504 (<c>PAYMENTS_REQUESTTIMEOUT</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Webhook receive loops; each handles a batch of up to 10 messages at once.</summary>
    [Range(1, 256)]
    public int WebhookSenders { get; set; } = 4;
}
