namespace Payments.Application.Consumers;

/// <summary>What a consumer does with an event that still fails after its last attempt.</summary>
public enum PoisonAction
{
    /// <summary>Record it in the parked events with its error and move on: for consumers whose output can be rebuilt or replayed.</summary>
    Park,

    /// <summary>
    /// Never move past it: hold the checkpoint before the event, report the consumer stalled, and keep retrying at the
    /// longest backoff. For consumers where skipping an event would lose money movement or order.
    /// </summary>
    Stop,
}
