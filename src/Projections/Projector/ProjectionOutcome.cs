namespace Payments.Projections.Projector;

/// <summary>What applying one stored event did to the read model.</summary>
public enum ProjectionOutcome
{
    /// <summary>The event was the next version: the row moved on by one.</summary>
    Applied,

    /// <summary>The row was already at or past this version (a redelivery or a replay): nothing changed.</summary>
    Duplicate,

    /// <summary>Earlier events were missing (out-of-order delivery): the row was refolded from the event store.</summary>
    Healed,
}
