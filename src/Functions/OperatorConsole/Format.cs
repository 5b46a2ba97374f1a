using System.Globalization;
using Payments.Domain.Money;
using Payments.Domain.State;
using Payments.Functions.Api;

namespace Payments.Functions.OperatorConsole;

/// <summary>How the console writes times, amounts and statuses: UTC to the second, amounts in their currency's minor units.</summary>
public static class Format
{
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "";

    public static string Amount(decimal? amount, string currency) =>
        amount is { } a ? $"{(Currency.TryFind(currency, out var c) ? c.Format(a) : a.ToString(CultureInfo.InvariantCulture))} {currency}" : "";

    public static string Status(PaymentStatus status) => PaymentResponses.StatusName(status);

    public static string Milliseconds(TimeSpan latency) => latency.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>The first 12 hex digits: enough to tell hashes apart on screen; the full hash is in the title.</summary>
    public static string ShortHash(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
