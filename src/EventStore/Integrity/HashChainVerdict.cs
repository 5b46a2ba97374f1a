namespace Payments.EventStore.Integrity;

/// <summary>An auditor's answer for one stream: intact over N events, or the first version that breaks the chain.</summary>
public sealed record HashChainVerdict(bool IsIntact, long EventsChecked, long? BrokenAtVersion, string? Reason)
{
    public static HashChainVerdict Intact(long count) => new(true, count, null, null);

    public static HashChainVerdict Broken(long version, string reason) => new(false, version - 1, version, reason);
}
