using System.Collections.Concurrent;
using Payments.Application.Ledger;
using Payments.Domain.Events;
using Payments.EventStore.Contract;

namespace Payments.Application.Feed;

/// <summary>
/// Which client owns a payment stream: the one its first event, <see cref="PaymentEvent.PaymentRequested"/>, names.
/// An owner never changes, so a remembered answer stays true; the memory is bounded by forgetting everything when full.
/// </summary>
public sealed class PaymentOwners(IEventReader reader)
{
    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<StreamId, string> _owners = new();

    /// <exception cref="InvalidOperationException">The stream does not start with a payment request.</exception>
    public async ValueTask<string> OwnerOf(StoredEvent @event, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (_owners.TryGetValue(@event.StreamId, out var known))
        {
            return known;
        }

        var first = @event.Version == 1
            ? @event
            : await reader.ReadStream(@event.StreamId, 1, cancellationToken).ConfigureAwait(false) is [var earliest, ..] ? earliest : null;
        if (first is null || PaymentLedger.Decode(first) is not PaymentEvent.PaymentRequested requested)
        {
            throw new InvalidOperationException($"Stream {@event.StreamId} does not start with a payment request, so it has no owner.");
        }

        if (_owners.Count >= MaxRemembered)
        {
            _owners.Clear();
        }

        _owners[@event.StreamId] = requested.ClientId;
        return requested.ClientId;
    }
}
