using Payments.Domain.Money;
using Payments.Domain.Requests;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Api;

/// <summary>
/// The search filters of <c>GET /operations/payments</c> and the console's Payments page, read the same way for both:
/// <c>client_id, status, currency, idempotency_key, from, to, attention, limit, cursor</c>. A caller who may not read
/// every client's payments (<see cref="ApiCaller.ReadsEveryPayment"/>) searches its own, whatever it asked.
/// </summary>
public static class PaymentSearchQuery
{
    public static PaymentSearch Parse(IQueryCollection query, HttpContext http, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(errors);
        var limit = QueryLimit.Parse(query["limit"].ToString(), ListPaymentsHandler.DefaultLimit, ListPaymentsHandler.MaxLimit, errors);
        var asked = Text(query, "client_id");
        return new PaymentSearch(limit, ListPaymentsHandler.ParseCursor(query["cursor"].ToString(), errors))
        {
            ClientId = ApiCaller.ReadsEveryPayment(http) ? asked : ApiCaller.Client(http).ClientId,
            Status = ListPaymentsHandler.ParseStatus(query["status"].ToString(), errors),
            Currency = ParseCurrency(Text(query, "currency"), errors),
            IdempotencyKey = Text(query, "idempotency_key"),
            RequestedFrom = ParseTime(query, "from", errors),
            RequestedBefore = ParseTime(query, "to", errors),
            AttentionOnly = ListPaymentsHandler.ParseAttention(query["attention"].ToString(), errors),
        };
    }

    private static string? Text(IQueryCollection query, string name) => query[name].ToString().Trim() is { Length: > 0 } text ? text : null;

    private static string? ParseCurrency(string? raw, List<FieldError> errors)
    {
        if (raw is null)
        {
            return null;
        }

        var code = raw.ToUpperInvariant();
        if (Currency.TryFind(code, out _))
        {
            return code;
        }

        errors.Add(new FieldError("currency", "invalid", "currency must be a supported ISO 4217 code"));
        return null;
    }

    private static DateTimeOffset? ParseTime(IQueryCollection query, string name, List<FieldError> errors)
    {
        var raw = Text(query, name);
        if (raw is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors.Add(new FieldError(name, "invalid", $"{name} must be an RFC 3339 time"));
        return null;
    }
}
