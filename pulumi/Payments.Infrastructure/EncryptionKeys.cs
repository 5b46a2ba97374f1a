using Payments.Aws.Topology;
using Pulumi.Aws.Kms;

namespace Payments.Infrastructure;

/// <summary>
/// Each <see cref="KeyDefinition"/> as a symmetric <c>aws.kms.Key</c> with the default key policy (the account's IAM
/// policies decide, so each function's statements are the whole grant) and the longest deletion window, since a
/// deleted key takes every secret sealed with it along.
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
            EnableKeyRotation = definition.EnableKeyRotation,
            DeletionWindowInDays = LongestDeletionWindowDays,
        });
    }
}
