namespace Payments.EventStore.Contract;

/// <summary>What an append did. A lost version race is not a result but a <see cref="WrongExpectedVersionException"/>.</summary>
public abstract record AppendResult
{
    private AppendResult()
    {
    }

    /// <summary>The events were committed; <paramref name="Version"/> and <paramref name="Position"/> are the last event's.</summary>
    public sealed record Appended(long Version, long Position) : AppendResult;

    /// <summary>Nothing was written: the claimed key already belongs to <paramref name="OwnerStream"/>.</summary>
    public sealed record UniqueKeyTaken(string Key, StreamId OwnerStream, string OwnerFingerprint) : AppendResult;
}
