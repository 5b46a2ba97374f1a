using Microsoft.AspNetCore.Mvc;
using Payments.Application.Ledger;

namespace Payments.Functions.Api;

/// <summary>POST /payments: durable before 202; a reused key answers 409 (same body) or 422 (different body).</summary>
public static class CreatePaymentHandler
{
    public static async Task<IResult> Handle(
        HttpContext http, [FromServices] PaymentLedger ledger, [FromServices] ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var client = ApiCaller.Client(http);
        var (request, key, problem) = await PaymentRequestReader.Read(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await ledger.Request(client.ClientId, key, request!, ApiCaller.Metadata(http), cancellationToken);
        if (outcome is RequestOutcome.Accepted accepted)
        {
            http.Response.Headers.Location = $"/payments/{accepted.Payment.PaymentId}";
            return Results.Json(PaymentResponses.From(accepted.Payment), ApiJsonContext.Default.PaymentResponse, statusCode: StatusCodes.Status202Accepted);
        }

        if (outcome is not RequestOutcome.KeyAlreadyUsed used)
        {
            throw new InvalidOperationException($"Unexpected outcome {outcome}");
        }

        // A claim is scoped to its client, so its owner is this client; checked anyway, because a 409 or 422 that names
        // another tenant's payment would leak it, and claims written while client ids could hold '/' may still collide.
        var existing = await ledger.Load(used.ExistingPaymentId, cancellationToken);
        if (!string.Equals(existing.ClientId, client.ClientId, StringComparison.Ordinal))
        {
            ApiLog.KeyClaimedByAnotherClient(loggers.CreateLogger(typeof(CreatePaymentHandler)), client.ClientId, used.ExistingPaymentId);
            return Problems.KeyUnavailable();
        }

        if (!used.SameRequest)
        {
            return Problems.KeyReusedWithDifferentBody(used.ExistingPaymentId);
        }

        http.Response.Headers.Location = $"/payments/{used.ExistingPaymentId}";
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return Problems.DuplicateRequest(used.ExistingPaymentId, PaymentResponses.StatusName(existing.Status));
    }
}
