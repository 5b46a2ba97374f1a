namespace Payments.Application.Consumers;

/// <summary>What an operator's re-run of a parked event came to.</summary>
public enum ParkedEventRerun
{
    /// <summary>No such parked event (already re-run, or never parked).</summary>
    NotParked,

    /// <summary>Handled this time and released.</summary>
    Handled,

    /// <summary>Failed again; it stays parked with the new error.</summary>
    FailedAgain,
}
