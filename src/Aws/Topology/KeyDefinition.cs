namespace Payments.Aws.Topology;

/// <summary>
/// A KMS key a function uses by ARN (never exported): the webhook secrets' symmetric key, the audit checkpoints'
/// signing key pair. Its key policy is the account default, so the functions' IAM statements alone decide who may use it.
/// <paramref name="KeySpec"/> and <paramref name="KeyUsage"/> are KMS's own values (CreateKey's KeySpec and KeyUsage).
/// </summary>
public sealed record KeyDefinition(string Name, string Description, bool EnableKeyRotation, string KeySpec = "SYMMETRIC_DEFAULT", string KeyUsage = "ENCRYPT_DECRYPT");
