using Payments.Application.Ledger;
using Payments.Domain.Events;
using Payments.EventStore.Contract;

namespace Payments.Functions.Cli.Export;

/// <summary>
/// The client of each exported event's payment, which only the payment's first event names. A window that starts
/// after a payment was requested looks the request up once; a payment is forgotten when it ends, so memory follows
/// the payments open at a time rather than the whole export.
/// </summary>
internal sealed class PaymentClients(IEventReader log)
{
    private readonly Dictionary<StreamId, string> _open = [];

    public async ValueTask<string> Of(StoredEvent stored, PaymentEvent @event, CancellationToken cancellationToken)
    {
        if (!_open.TryGetValue(stored.StreamId, out var client))
        {
            client = @event is PaymentEvent.PaymentRequested requested ? requested.ClientId : await Lookup(stored.StreamId, cancellationToken);
            _open[stored.StreamId] = client;
        }

        if (@event is PaymentEvent.PaymentCompleted or PaymentEvent.PaymentFailed)
        {
            _open.Remove(stored.StreamId);
        }

        return client;
    }

    private async Task<string> Lookup(StreamId stream, CancellationToken cancellationToken)
    {
        var history = await log.ReadStream(stream, 1, cancellationToken);
        return history.Count > 0 && PaymentLedger.Decode(history[0]) is PaymentEvent.PaymentRequested requested ? requested.ClientId : "";
    }
}
