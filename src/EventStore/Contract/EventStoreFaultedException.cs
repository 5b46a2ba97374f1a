namespace Payments.EventStore.Contract;

/// <summary>
/// The store stopped taking appends after a fault that leaves the outcome of further writes in doubt (an I/O error,
/// a full disk). It is fail-stop: every append after the fault, and the ones waiting when it happened, get this at
/// once instead of piling up or half-succeeding; only a restart (reopening the store) clears it. What was acknowledged
/// before the fault is on disk; the append that met the fault may or may not be, which a retry with the same
/// idempotency key resolves.
/// </summary>
public sealed class EventStoreFaultedException : Exception
{
    public EventStoreFaultedException(string reason, Exception? cause)
        : base($"The event store is faulted and refuses appends until it is reopened: {reason}", cause) => Reason = reason;

    public EventStoreFaultedException()
        : this("unknown fault", null)
    {
    }

    public EventStoreFaultedException(string message)
        : this(message, null)
    {
    }

    /// <summary>What went wrong, for an operator: "disk full (SQLITE_FULL) at commit".</summary>
    public string Reason { get; } = "";
}
