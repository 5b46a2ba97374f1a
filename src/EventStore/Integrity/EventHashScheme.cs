namespace Payments.EventStore.Integrity;

/// <summary>
/// Which rules produced an event's hash, stored with the event so a history written under an older scheme keeps
/// verifying under it while new events use the newer one. A stream never goes back to an older scheme.
/// </summary>
public static class EventHashScheme
{
    /// <summary>
    /// The first scheme: fields length-prefixed, metadata re-serialised from its parsed form, no global position. Kept
    /// only to verify events written before scheme 2.
    /// </summary>
    public const int Canonical = 1;

    /// <summary>The stored bytes verbatim (data and metadata as written) plus the global position: the embedded log, whose writer assigns positions.</summary>
    public const int StoredBytesAtPosition = 2;

    /// <summary>
    /// The stored bytes verbatim without a position: the cloud log, where no position exists on the write path; the
    /// audit sequencer assigns one later and the Merkle leaf binds it.
    /// </summary>
    public const int StoredBytes = 3;

    public static bool IsKnown(int scheme) => scheme is Canonical or StoredBytesAtPosition or StoredBytes;
}
