using Microsoft.AspNetCore.Mvc;
using Payments.Application.Ledger;

namespace Payments.Functions.Api;

/// <summary>POST /payments: durable before 202; a reused key answers 409 (same body) or 422 (different body).</summary>
public static class CreatePaymentHandler
{
    public static async Task<IResult> Handle(HttpContext http, [FromServices] PaymentLedger ledger, CancellationToken cancellationToken)
    {
        var client = ApiCaller.Client(http);
        var (request, key, problem) = await PaymentRequestReader.Read(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await ledger.Request(client.ClientId, key, request!, ApiCaller.Metadata(http), cancellationToken);
        switch (outcome)
        {
            case RequestOutcome.Accepted accepted:
                http.Response.Headers.Location = $"/payments/{accepted.Payment.PaymentId}";
                return Results.Json(PaymentResponses.From(accepted.Payment), ApiJsonContext.Default.PaymentResponse, statusCode: StatusCodes.Status202Accepted);
            case RequestOutcome.KeyAlreadyUsed { SameRequest: true } replay:
                var existing = await ledger.Load(replay.ExistingPaymentId, cancellationToken);
                http.Response.Headers.Location = $"/payments/{replay.ExistingPaymentId}";
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return Problems.DuplicateRequest(replay.ExistingPaymentId, PaymentResponses.StatusName(existing.Status));
            case RequestOutcome.KeyAlreadyUsed clash:
                return Problems.KeyReusedWithDifferentBody(clash.ExistingPaymentId);
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}");
        }
    }
}
