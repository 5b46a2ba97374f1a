namespace Payments.Aws.Topology;

/// <summary>
/// A symmetric KMS key a function encrypts or decrypts with, by ARN (never exported): the webhook secrets' key. Its
/// key policy is the account default, so the functions' IAM statements alone decide who may use it.
/// </summary>
public sealed record KeyDefinition(string Name, string Description, bool EnableKeyRotation);
