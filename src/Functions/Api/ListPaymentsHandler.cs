using Microsoft.AspNetCore.Mvc;
using Payments.Domain.Requests;
using Payments.Domain.State;
using Payments.Functions.Api.Contracts;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Api;

/// <summary>GET /payments?status=&amp;attention=&amp;limit=&amp;cursor=: the caller's payments from the read model, newest first.</summary>
public static class ListPaymentsHandler
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static async Task<IResult> Handle(HttpContext http, [FromServices] IPaymentReadModel readModel, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var query = http.Request.Query;
        var status = ParseStatus(query["status"].ToString(), errors);
        var limit = QueryLimit.Parse(query["limit"].ToString(), DefaultLimit, MaxLimit, errors);
        var after = ParseCursor(query["cursor"].ToString(), errors);
        var attentionOnly = ParseAttention(query["attention"].ToString(), errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var page = await readModel.List(new PaymentQuery(ApiCaller.Client(http).ClientId, status, limit, after) { AttentionOnly = attentionOnly }, cancellationToken);
        var body = new PaymentListResponse(page.Items.Select(PaymentResponses.From).ToList(), page.NextAfter?.ToString("N"));
        return Results.Json(body, ApiJsonContext.Default.PaymentListResponse);
    }

    internal static PaymentStatus? ParseStatus(string raw, List<FieldError> errors)
    {
        if (raw.Length == 0)
        {
            return null;
        }

        PaymentStatus[] listable = [PaymentStatus.Pending, PaymentStatus.Processing, PaymentStatus.Completed, PaymentStatus.Failed];
        foreach (var status in listable)
        {
            if (PaymentResponses.StatusName(status) == raw)
            {
                return status;
            }
        }

        errors.Add(new FieldError("status", "invalid", "status must be one of PENDING, PROCESSING, COMPLETED, FAILED"));
        return null;
    }

    internal static bool ParseAttention(string raw, List<FieldError> errors)
    {
        switch (raw)
        {
            case "" or "false":
                return false;
            case "true":
                return true;
            default:
                errors.Add(new FieldError("attention", "invalid", "attention must be true or false"));
                return false;
        }
    }

    internal static Guid? ParseCursor(string raw, List<FieldError> errors)
    {
        if (raw.Length == 0)
        {
            return null;
        }

        if (Guid.TryParseExact(raw, "N", out var after))
        {
            return after;
        }

        errors.Add(new FieldError("cursor", "invalid", "cursor must be a next_cursor value from a previous page"));
        return null;
    }
}
