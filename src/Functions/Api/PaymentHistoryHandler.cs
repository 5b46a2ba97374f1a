using Microsoft.AspNetCore.Mvc;
using System.Text.Json;
using Payments.Domain.Events;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.Functions.Api.Contracts;
using Payments.Application.Ledger;

namespace Payments.Functions.Api;

/// <summary>GET /payments/{id}/events: the auditor's view — every event in order with its hash and the chain's verdict (a client's own payments, an auditor's any).</summary>
public static class PaymentHistoryHandler
{
    public static async Task<IResult> Handle(string id, HttpContext http, [FromServices] IEventStore store, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var paymentId))
        {
            return Problems.NotFound($"Payment {id}");
        }

        var events = await store.ReadStream(StreamId.For(paymentId), 1, cancellationToken);
        if (events.Count == 0 || PaymentLedger.Decode(events[0]) is not PaymentEvent.PaymentRequested requested
            || !ApiCaller.MayReadPaymentOf(http, requested.ClientId))
        {
            return Problems.NotFound($"Payment {id}");
        }

        var verdict = EventHashChain.Verify(events);
        var body = new PaymentHistoryResponse(paymentId, verdict.IsIntact, verdict.BrokenAtVersion, events.Select(ToResponse).ToList());
        return Results.Json(body, ApiJsonContext.Default.PaymentHistoryResponse);
    }

    private static PaymentEventResponse ToResponse(StoredEvent e)
    {
        using var data = JsonDocument.Parse(e.Data);
        return new PaymentEventResponse(
            e.Version, e.Position, e.Type, e.SchemaVersion, e.OccurredAt, data.RootElement.Clone(),
            e.Metadata.CorrelationId, e.Metadata.CausationId, e.Metadata.Actor, e.Hash);
    }
}
