using Payments.Aws.Topology;
using Pulumi.Aws.Kms;

namespace Payments.Infrastructure;

/// <summary>
/// Each <see cref="KeyDefinition"/> as an <c>aws.kms.Key</c> of its key spec and usage (the webhook secrets' symmetric
/// key, the audit checkpoints' P-256 signing pair) with the default key policy (the account's IAM policies decide, so
/// each function's statements are the whole grant) and the longest deletion window, since a deleted key takes every
/// secret sealed with it along, and auditors' pinned public key with it.
/// </summary>
public static class EncryptionKeys
{
    private const int LongestDeletionWindowDays = 30;

    public static Key Provision(KeyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new Key(definition.Name, new KeyArgs
        {
            Description = definition.Description,
            CustomerMasterKeySpec = definition.KeySpec,
            KeyUsage = definition.KeyUsage,
            EnableKeyRotation = definition.EnableKeyRotation,
            DeletionWindowInDays = LongestDeletionWindowDays,
        });
    }
}
