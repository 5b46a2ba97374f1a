using Payments.Embedded.Audit;
using Payments.Embedded.Jobs;
using Payments.Embedded.Projections;
using Payments.Embedded.Ramps;
using Payments.Embedded.Webhooks;

namespace Payments.Embedded;

/// <summary>Which file of the embedded data directory holds what. Every host and command finds the files here.</summary>
public sealed record DataDirectoryLayout
{
    public const string EventsFile = "events.db";

    public DataDirectoryLayout(string directory) => Directory = System.IO.Path.GetFullPath(directory);

    public string Directory { get; }

    /// <summary>The ledger: every event, hash-chained.</summary>
    public string Events => Path(EventsFile);

    /// <summary>The payments read model.</summary>
    public string ReadModel => Path(SqlitePaymentReadModel.DefaultFileName);

    /// <summary>The durable job queue and its dead letters.</summary>
    public string Jobs => Path(SqlitePaymentJobQueue.FileName);

    /// <summary>Webhook endpoints, messages, deliveries and attempts.</summary>
    public string Webhooks => Path(SqliteWebhookStore.FileName);

    /// <summary>The webhook queue and its dead letters.</summary>
    public string WebhookJobs => Path(SqliteWebhookQueue.FileName);

    /// <summary>The verifiable log: the Merkle tree over the events and its signed checkpoints.</summary>
    public string Audit => Path(SqliteAuditLog.FileName);

    /// <summary>The mock providers' idempotency memory.</summary>
    public string Ramps => Path(RampTransactionLog.FileName);

    private string Path(string file) => System.IO.Path.Combine(Directory, file);
}
