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

    /// <summary>Why a ramp leg failed; the payment is failed by a separate, later decision.</summary>
    public string? RampFailure { get; init; }
    public string? ErrorMessage { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the payment reached COMPLETED or FAILED.</summary>
    public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>Number of events folded; the expected version for the next append.</summary>
    public long Version { get; init; }

    public bool IsTerminal => Status is PaymentStatus.Completed or PaymentStatus.Failed;
}
