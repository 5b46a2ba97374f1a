using Payments.Application.Audit;
using Payments.Aws;
using Payments.Aws.Audit;

namespace Payments.Functions.Lambda.Runtime;

/// <summary>The cloud's verifiable log as the sequencer and the api open it: the audit table and the KMS signing key.</summary>
internal static class CloudAudit
{
    /// <exception cref="InvalidOperationException">PAYMENTS_AUDIT_TABLE or PAYMENTS_AUDIT_KEY_ID is not set.</exception>
    public static (DynamoDbAuditLog Log, AuditCheckpointer Checkpointer) Open(CloudOptions settings)
    {
        var table = settings.AuditTable ?? throw new InvalidOperationException("PAYMENTS_AUDIT_TABLE is required for the verifiable log.");
        var key = settings.AuditKeyId ?? throw new InvalidOperationException("PAYMENTS_AUDIT_KEY_ID is required to sign audit checkpoints.");
        var log = new DynamoDbAuditLog(CloudClients.DynamoDb(settings.DynamoDbEndpoint), table, TimeProvider.System);
        return (log, new AuditCheckpointer(log, new KmsCheckpointSigner(CloudClients.Kms(settings.KmsEndpoint), key), TimeProvider.System));
    }
}
