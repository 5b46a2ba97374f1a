namespace Payments.Application.Ramps.Sandbox;

/// <summary>How the sandbox provider treats one call: the faults a real provider shows, in the order that matters for money.</summary>
public enum RampFault
{
    /// <summary>Execute normally (idempotent by request key).</summary>
    None,

    /// <summary>Refuse for good; the refusal is recorded, so every later call and lookup for the key sees it.</summary>
    Refuse,

    /// <summary>Fail before executing: nothing converted, nothing recorded.</summary>
    UnavailableBeforeExecuting,

    /// <summary>Execute and record, then drop the answer: the caller cannot know it happened without a lookup.</summary>
    ExecutedThenTimeout,

    /// <summary>Take <see cref="MockRampOptions.SlowLatency"/> before executing, so a caller's per-call timeout fires first.</summary>
    Slow,

    /// <summary>A status lookup fails: the provider cannot be asked.</summary>
    LookupUnavailable,
}
