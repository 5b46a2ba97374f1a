namespace Payments.Domain.Decisions;

/// <summary>Why a leg ended without converting; both mean nothing moved, but clients are told which.</summary>
public enum RampFailureKind
{
    /// <summary>The provider said no (limits, compliance, unsupported currency).</summary>
    Refused,

    /// <summary>The provider stayed unreachable through every retry and never executed the request.</summary>
    Unavailable,
}
