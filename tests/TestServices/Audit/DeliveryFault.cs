namespace Payments.TestServices.Audit;

/// <summary>What can go wrong around one delivery of a batch from the events stream to a sequencer.</summary>
public enum DeliveryFault
{
    None,

    /// <summary>The batch carries one of its events twice.</summary>
    Duplicate,

    /// <summary>After this batch, an earlier batch of the same shard arrives again.</summary>
    RedeliverEarlier,

    /// <summary>The other sequencer's next delivery runs between this one's reads and its write.</summary>
    Intrude,

    /// <summary>The write commits, its answer is lost, and the same batch is delivered again.</summary>
    LoseAcknowledgement,
}
