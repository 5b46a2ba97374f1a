using System.ComponentModel.DataAnnotations;
using Payments.Aws.Webhooks;
using Payments.Functions.Hosting.Telemetry;

namespace Payments.Functions.Lambda.Runtime;

/// <summary>
/// What a Lambda entry needs to find its tables and queue: the function's environment, <c>PAYMENTS_*</c> (the Pulumi
/// program sets them). The endpoint overrides point the same binary at DynamoDB Local and an SQS emulator.
/// </summary>
public sealed class CloudOptions
{
    [ConfigurationKeyName("TABLE_PREFIX")]
    public string TablePrefix { get; set; } = "";

    [Required]
    [ConfigurationKeyName("READ_MODEL_TABLE")]
    public string ReadModelTable { get; set; } = "payments";

    /// <summary>The sandbox ramps' shared memory (the worker executes through it; the api reads its settlement statements).</summary>
    [Required]
    [ConfigurationKeyName("RAMPS_TABLE")]
    public string RampsTable { get; set; } = "ramp_executions";

    [ConfigurationKeyName("QUEUE_URL")]
    public string? PaymentQueueUrl { get; set; }

    /// <summary>
    /// The SSM SecureString parameter holding `client:sha256hex,…` for the api function (the deployed way: the
    /// environment names the parameter and holds no secret).
    /// </summary>
    [ConfigurationKeyName("API_KEY_HASHES_PARAMETER")]
    public string? ApiKeyHashesParameter { get; set; }

    /// <summary>The same list given directly, for runs against emulators; ignored when the parameter is named.</summary>
    [ConfigurationKeyName("API_KEY_HASHES")]
    public string? ApiKeyHashes { get; set; }

    /// <summary>How long an open payment may sit idle before the sweeper queues its job again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    [ConfigurationKeyName("SWEEPER_STALL_AFTER")]
    public TimeSpan SweeperStallAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The webhook queue (envelopes from the rules, deliveries, recoveries) and its dead-letter queue.</summary>
    [ConfigurationKeyName("WEBHOOK_QUEUE_URL")]
    public string? WebhookQueueUrl { get; set; }

    [ConfigurationKeyName("WEBHOOK_DEAD_LETTER_QUEUE_URL")]
    public string? WebhookDeadLetterQueueUrl { get; set; }

    [Required]
    [ConfigurationKeyName("WEBHOOK_ENDPOINTS_TABLE")]
    public string WebhookEndpointsTable { get; set; } = DynamoDbWebhookTables.Default.Endpoints;

    [Required]
    [ConfigurationKeyName("WEBHOOK_DELIVERIES_TABLE")]
    public string WebhookDeliveriesTable { get; set; } = DynamoDbWebhookTables.Default.Deliveries;

    /// <summary>The KMS key sealing webhook endpoint secrets.</summary>
    [ConfigurationKeyName("WEBHOOK_KEY_ID")]
    public string? WebhookKeyId { get; set; }

    /// <summary>Emulator runs only (receivers on loopback); the topology never sets it, so deployed functions refuse such addresses.</summary>
    [ConfigurationKeyName("WEBHOOK_ALLOW_INSECURE")]
    public bool WebhookAllowInsecure { get; set; }

    /// <summary>The verifiable log's table (the sequencer extends it; the api serves proofs from it).</summary>
    [ConfigurationKeyName("AUDIT_TABLE")]
    public string? AuditTable { get; set; }

    /// <summary>The KMS key (ECC_NIST_P256, SIGN_VERIFY) signing audit checkpoints.</summary>
    [ConfigurationKeyName("AUDIT_KEY_ID")]
    public string? AuditKeyId { get; set; }

    /// <summary>
    /// The api function's deadline per request, under the function's 30 s and API Gateway's 30 s integration timeout,
    /// so a slow request is answered with a problem body rather than cut off by the gateway.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:29")]
    [ConfigurationKeyName("REQUEST_TIMEOUT")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [ConfigurationKeyName("KMS_URL")]
    public Uri? KmsEndpoint { get; set; }

    [ConfigurationKeyName("SSM_URL")]
    public Uri? SsmEndpoint { get; set; }

    /// <summary><c>PAYMENTS_TELEMETRY__OTLPENDPOINT</c> (and <c>__OTLPPROTOCOL</c>): OTLP export of the function's spans and metrics; off when unset.</summary>
    public TelemetryOptions Telemetry { get; set; } = new();

    [ConfigurationKeyName("DYNAMODB_URL")]
    public Uri? DynamoDbEndpoint { get; set; }

    [ConfigurationKeyName("SQS_URL")]
    public Uri? SqsEndpoint { get; set; }

    /// <summary>Binds the function's configuration; a malformed value (an endpoint that is not a URI) names its key.</summary>
    /// <exception cref="InvalidOperationException">A value cannot be converted; the message names the key.</exception>
    public static CloudOptions From(IConfiguration configuration)
    {
        var options = new CloudOptions();
        configuration.Bind(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        Validator.ValidateObject(options.Telemetry, new ValidationContext(options.Telemetry), validateAllProperties: true);
        return options;
    }
}
