using Payments.EventStore.Contract;

namespace Payments.EventStore.Integrity;

/// <summary>
/// One stream's chain checked an event at a time, so a whole-log audit can keep one per stream while it walks the log
/// in position order instead of loading each stream.
/// </summary>
public sealed class StreamChainCheck
{
    private StreamId? _stream;
    private long _version;
    private int _scheme = EventHashScheme.Canonical;
    private string _previousHash = EventHashChain.Genesis;

    /// <summary>
    /// Accepts the stream's next event; returns why it breaks the chain, or null when it extends it. Either way the
    /// event becomes the predecessor, so each later link is judged on its own and one break is reported once.
    /// </summary>
    public string? Next(StoredEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var reason = Judge(e);
        _stream = e.StreamId;
        _version = e.Version;
        _scheme = Math.Max(_scheme, e.HashScheme);
        _previousHash = e.Hash;
        return reason;
    }

    private string? Judge(StoredEvent e)
    {
        if (_stream is { } stream && e.StreamId != stream)
        {
            return "event belongs to another stream";
        }

        if (e.Version != _version + 1)
        {
            return $"expected version {_version + 1}, found {e.Version}";
        }

        if (!EventHashScheme.IsKnown(e.HashScheme))
        {
            return $"unknown hash scheme {e.HashScheme}";
        }

        if (e.HashScheme < _scheme)
        {
            return $"hash scheme {e.HashScheme} after scheme {_scheme}: a stream never goes back to an older scheme";
        }

        return string.Equals(EventHashChain.Compute(_previousHash, e), e.Hash, StringComparison.Ordinal)
            ? null
            : "hash does not match the event's stored bytes and its predecessor";
    }
}
