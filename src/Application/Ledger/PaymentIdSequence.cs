namespace Payments.Application.Ledger;

/// <summary>
/// UUIDv7 payment ids that strictly increase within this process. Guid.CreateVersion7 is only
/// millisecond-ordered (the rest is random), so two payments in one millisecond could list in the
/// wrong order; when that would happen the previous id's random tail is incremented instead.
/// </summary>
public sealed class PaymentIdSequence
{
    private readonly Lock _gate = new();
    private Guid _last = Guid.Empty;

    public Guid Next(DateTimeOffset now)
    {
        lock (_gate)
        {
            var candidate = Guid.CreateVersion7(now);
            _last = candidate.CompareTo(_last) > 0 ? candidate : Successor(_last);
            return _last;
        }
    }

    /// <summary>Adds one to bytes 9–15 (big-endian), leaving version and variant bits untouched.</summary>
    private static Guid Successor(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        for (var i = 15; i >= 9; i--)
        {
            if (++bytes[i] != 0)
            {
                break;
            }
        }

        return new Guid(bytes, bigEndian: true);
    }
}
