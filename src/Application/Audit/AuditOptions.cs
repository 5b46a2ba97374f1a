using System.ComponentModel.DataAnnotations;

namespace Payments.Application.Audit;

/// <summary>How often the verifiable log signs a checkpoint on its own (only when the tree grew since the last one).</summary>
public sealed class AuditOptions
{
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);
}
