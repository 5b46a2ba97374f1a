using Payments.Domain.Ramps;

namespace Payments.Domain.State;

/// <summary>Current state of one payment, derived only by folding its events.</summary>
public sealed record Payment
{
    public static Payment Initial { get; } = new();

    public Guid PaymentId { get; init; }
    public string ClientId { get; init; } = "";
    public string IdempotencyKey { get; init; } = "";
    public string RequestFingerprint { get; init; } = "";
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "";
    public string SourceAccount { get; init; } = "";
    public string DestinationAccount { get; init; } = "";
    public PaymentStatus Status { get; init; }
    public string? OnRampTxId { get; init; }
    public decimal? StablecoinAmount { get; init; }
    public decimal? OnRampRate { get; init; }
    public string? OffRampTxId { get; init; }
    public decimal? PayoutAmount { get; init; }
    public decimal? OffRampRate { get; init; }

    /// <summary>Why the on-ramp failed (provider text, for operators); the payment is failed in the same write.</summary>
    public string? OnRampFailure { get; init; }

    /// <summary>Why the off-ramp failed (provider text, for operators); the held stablecoin then goes back by reversal.</summary>
    public string? OffRampFailure { get; init; }

    public string? ReversalTxId { get; init; }
    public decimal? ReversedAmount { get; init; }
    public string? ReversalRefusal { get; init; }

    /// <summary>The leg whose last call went unanswered; cleared when that leg settles either way.</summary>
    public RampLeg? UnknownOutcomeLeg { get; init; }

    /// <summary>Why a person should look at this payment (an unanswered ramp call, a refused reversal); null when nothing is wrong.</summary>
    public string? Attention { get; init; }

    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the payment reached COMPLETED or FAILED.</summary>
    public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>Number of events folded; the expected version for the next append.</summary>
    public long Version { get; init; }

    public bool IsTerminal => Status is PaymentStatus.Completed or PaymentStatus.Failed;

    /// <summary>Stablecoin was bought for this payment and has neither been paid out nor returned.</summary>
    public bool HoldsStablecoin => OnRampTxId is not null && OffRampTxId is null && ReversalTxId is null;

    /// <summary>The ramp leg a worker should run next; null when no leg is open (not processing, settled, or waiting on an operator).</summary>
    public RampLeg? OpenLeg => this switch
    {
        { Status: not PaymentStatus.Processing } => null,
        { OnRampTxId: null, OnRampFailure: null } => RampLeg.OnRamp,
        { OnRampTxId: null } => null,
        { OffRampTxId: null, OffRampFailure: null } => RampLeg.OffRamp,
        { OffRampTxId: not null } => null,
        { ReversalTxId: null, ReversalRefusal: null } => RampLeg.Reversal,
        _ => null,
    };
}
