using Microsoft.AspNetCore.Mvc;
using Payments.Application.Audit;
using Payments.Application.Ledger;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Replay;
using Payments.Domain.Requests;
using Payments.Domain.State;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.Functions.Api;
using Payments.Functions.Api.Auth;
using Payments.Functions.Api.Webhooks;
using Payments.Functions.OperatorConsole.Components;
using Payments.Projections.ReadModel;

namespace Payments.Functions.OperatorConsole;

/// <summary>The Payments and Payment pages and the Redeliver button, over the services and visibility rules of the API's payment routes.</summary>
public static class PaymentScreens
{
    public static async Task<IResult> Search(HttpContext http, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.Client(http);
        var query = http.Request.Query;
        var raw = query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (raw.TryGetValue("id", out var id) && id.Trim().Length > 0)
        {
            return Results.Redirect($"/console/payments/{Uri.EscapeDataString(id.Trim())}");
        }

        var search = http.RequestServices.GetService<IPaymentSearch>();
        var errors = new List<FieldError>();
        PaymentPage? page = null;
        string? next = null;
        if (search is not null)
        {
            var filters = PaymentSearchQuery.Parse(query, http, errors);
            if (errors.Count == 0)
            {
                page = await search.Search(filters, cancellationToken);
                next = page.NextAfter is { } after ? NextLink(raw, after) : null;
            }
        }

        return ConsoleResults.Page<PaymentsPage>(
            StatusCodes.Status200OK,
            ("Caller", caller), ("Query", raw), ("Page", page), ("Errors", errors), ("Searchable", search is not null),
            ("AllClients", ApiCaller.ReadsEveryPayment(http)), ("NextLink", next));
    }

    public static async Task<IResult> Show(
        string id, HttpContext http, [FromServices] PaymentLedger ledger, CancellationToken cancellationToken)
    {
        var view = Guid.TryParse(id, out var paymentId) ? await Load(paymentId, http, ledger, cancellationToken) : null;
        if (view is null)
        {
            return ConsoleResults.NotFound(http, $"Payment {id}");
        }

        return ConsoleResults.Page<PaymentDetail>(
            StatusCodes.Status200OK,
            ("Caller", ApiCaller.Client(http)), ("View", view),
            ("CanRedeliver", ConsoleEndpoints.Has<WebhookReplay>(http.RequestServices) && ConsoleRoles.Holds(ApiCaller.Client(http), ConsoleRoles.Redeliver)),
            ("Notice", ConsoleNotices.Text(http.Request.Query["notice"])));
    }

    public static async Task<IResult> Redeliver(
        string id, string deliveryId, HttpContext http, [FromServices] PaymentLedger ledger, [FromServices] IWebhookDeliveryStore deliveries,
        [FromServices] WebhookReplay replay, CancellationToken cancellationToken)
    {
        var delivery = await deliveries.FindDelivery(deliveryId, cancellationToken);
        var payment = Guid.TryParse(id, out var paymentId) ? await ledger.Load(paymentId, cancellationToken) : Payment.Initial;
        if (delivery is null || delivery.PaymentId != paymentId || payment.Status == PaymentStatus.None || !ApiCaller.MayReadPaymentOf(http, payment.ClientId))
        {
            return ConsoleResults.NotFound(http, $"Webhook delivery {deliveryId}");
        }

        var actingFor = await RedeliverWebhookHandler.ActingFor(http, deliveryId, deliveries, cancellationToken);
        return await replay.Redeliver(actingFor, deliveryId, cancellationToken) switch
        {
            ReplayOutcome.Queued => ConsoleResults.After($"/console/payments/{paymentId}", "redelivered"),
            ReplayOutcome.Refused => ConsoleResults.After($"/console/payments/{paymentId}", "endpoint-disabled"),
            _ => ConsoleResults.NotFound(http, $"Webhook delivery {deliveryId}"),
        };
    }

    /// <summary>Null when the payment does not exist or the caller may not read it: the API's GET /payments/{id} rule.</summary>
    private static async Task<PaymentView?> Load(Guid paymentId, HttpContext http, PaymentLedger ledger, CancellationToken cancellationToken)
    {
        var events = await ledger.Store.ReadStream(StreamId.For(paymentId), 1, cancellationToken);
        var history = events.Select(PaymentLedger.Decode).ToList();
        var payment = PaymentFold.Replay(history);
        if (payment.Status == PaymentStatus.None || !ApiCaller.MayReadPaymentOf(http, payment.ClientId))
        {
            return null;
        }

        // Proofs are the audit routes' material, so only an auditor sees their verdicts (as only an auditor may fetch them).
        var trail = http.User.IsInRole(ApiPolicies.Auditor) ? http.RequestServices.GetService<AuditTrail>() : null;
        var (proof, included) = trail is null ? (null, new Dictionary<long, bool>()) : await Proofs(trail, paymentId, cancellationToken);
        var state = Payment.Initial;
        var timeline = new List<TimelineStep>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            state = PaymentFold.Evolve(state, history[i]);
            timeline.Add(new TimelineStep(events[i], state, included.TryGetValue(events[i].Version, out var ok) ? ok : null));
        }

        var deliveries = new List<DeliveryView>();
        if (http.RequestServices.GetService<IWebhookDeliveryStore>() is { } store)
        {
            foreach (var delivery in await store.DeliveriesForPayment(payment.ClientId, paymentId, cancellationToken))
            {
                deliveries.Add(new DeliveryView(delivery, await store.AttemptsForDelivery(delivery.DeliveryId, cancellationToken)));
            }
        }

        return new PaymentView(payment, timeline, EventHashChain.Verify(events), proof, deliveries);
    }

    /// <summary>Each event's inclusion proof checked against the latest signed checkpoint, by version; events the checkpoint does not cover are absent.</summary>
    private static async Task<(ProofStatus?, Dictionary<long, bool>)> Proofs(AuditTrail trail, Guid paymentId, CancellationToken cancellationToken)
    {
        var document = await trail.Stream(StreamId.For(paymentId), cancellationToken);
        if (document is null)
        {
            return (null, []);
        }

        var checkpoint = document.Checkpoint.ToCheckpoint();
        var included = new Dictionary<long, bool>();
        foreach (var line in document.Events)
        {
            if (line.InclusionProof is { } path)
            {
                included[line.Version] = MerkleProofVerifier.VerifyInclusion(AuditLeaf.Hash(line.ToStoredEvent()), line.Position - 1, checkpoint.TreeSize, path, checkpoint.RootHash);
            }
        }

        return (new ProofStatus(checkpoint.TreeSize, checkpoint.IssuedAt, checkpoint.KeyId, checkpoint.SignatureVerifies()), included);
    }

    private static string NextLink(Dictionary<string, string> raw, Guid after)
    {
        var pairs = raw.Where(p => p.Key != "cursor" && p.Value.Length > 0).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)).ToList();
        pairs.Add(KeyValuePair.Create("cursor", (string?)after.ToString("N")));
        return "/console/payments" + QueryString.Create(pairs);
    }
}
