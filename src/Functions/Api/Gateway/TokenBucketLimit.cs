using System.ComponentModel.DataAnnotations;

namespace Payments.Functions.Api.Gateway;

/// <summary>One token bucket: refilled at <see cref="PermitsPerSecond"/>, holding at most <see cref="Burst"/> (twice the rate when unset).</summary>
public sealed class TokenBucketLimit
{
    public const int MaxPermitsPerSecond = 1_000_000;

    [Range(1, MaxPermitsPerSecond)]
    public int PermitsPerSecond { get; set; }

    [Range(1, 2 * MaxPermitsPerSecond)]
    public int? Burst { get; set; }

    public int BucketSize => Burst ?? 2 * PermitsPerSecond;
}
