using System.Globalization;
using System.Text.RegularExpressions;
using Payments.Application.Ledger;
using Payments.Domain.Requests;

namespace Payments.Functions.Api;

/// <summary>
/// The <c>as_of_version</c> and <c>as_of</c> query parameters of GET /payments/{id}: at most one of them, a whole
/// version from 1 or an RFC 3339 timestamp with an offset; null when neither is given.
/// </summary>
public static partial class HistoryPointQuery
{
    public const string VersionParameter = "as_of_version";
    public const string TimeParameter = "as_of";

    public static HistoryPoint? Parse(IQueryCollection query, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(errors);
        var version = query.TryGetValue(VersionParameter, out var v) ? v.ToString() : null;
        var time = query.TryGetValue(TimeParameter, out var t) ? t.ToString() : null;
        if (version is not null && time is not null)
        {
            errors.Add(new FieldError(TimeParameter, "conflict", $"give {VersionParameter} or {TimeParameter}, not both"));
            return null;
        }

        return version is not null ? ParseVersion(version, errors) : time is not null ? ParseTime(time, errors) : null;
    }

    private static HistoryPoint.AtVersion? ParseVersion(string raw, List<FieldError> errors)
    {
        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1)
        {
            return new HistoryPoint.AtVersion(version);
        }

        errors.Add(new FieldError(VersionParameter, "invalid", $"{VersionParameter} must be a whole number from 1"));
        return null;
    }

    private static HistoryPoint.RecordedBy? ParseTime(string raw, List<FieldError> errors)
    {
        var match = Rfc3339().Match(raw);
        if (match.Success)
        {
            // .NET keeps 7 fractional digits; RFC 3339 allows any number (Go writes 9), so the rest is dropped, not refused.
            var fraction = match.Groups["fraction"].Value;
            var normalized = match.Groups["seconds"].Value + (fraction.Length > 0 ? "." + fraction[..Math.Min(fraction.Length, 7)] : "") + match.Groups["offset"].Value;
            if (DateTimeOffset.TryParse(normalized.ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return new HistoryPoint.RecordedBy(time);
            }
        }

        errors.Add(new FieldError(TimeParameter, "invalid",
            $"{TimeParameter} must be an RFC 3339 timestamp with an offset, such as 2026-01-31T09:30:00Z or 2026-01-31T10:30:00%2B01:00 ('+' encoded as %2B)"));
        return null;
    }

    [GeneratedRegex(@"^(?<seconds>\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(\.(?<fraction>\d{1,9}))?(?<offset>[Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
