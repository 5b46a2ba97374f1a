namespace Payments.EventStore.Contract;

/// <summary>
/// A key the first append of a stream reserves in the same atomic write (an idempotency key), with a
/// fingerprint of what it was reserved for so a later claimant can tell a retry from a clash.
/// </summary>
public sealed record UniqueKeyClaim(string Key, string Fingerprint)
{
    public const int MaxKeyLength = 512;
}
