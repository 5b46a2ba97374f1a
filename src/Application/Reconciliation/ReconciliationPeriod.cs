using System.Globalization;
using System.Text.RegularExpressions;
using Payments.Domain.Requests;

namespace Payments.Application.Reconciliation;

/// <summary>The half-open window [From, To) a reconciliation covers; both ends are RFC 3339 times with an explicit offset.</summary>
public sealed partial record ReconciliationPeriod
{
    private ReconciliationPeriod(DateTimeOffset from, DateTimeOffset to)
    {
        From = from;
        To = to;
    }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    public bool Contains(DateTimeOffset time) => time >= From && time < To;

    /// <exception cref="ArgumentException"><paramref name="from"/> is not before <paramref name="to"/>.</exception>
    public static ReconciliationPeriod Of(DateTimeOffset from, DateTimeOffset to) =>
        from < to ? new ReconciliationPeriod(from, to) : throw new ArgumentException($"The period must end after it starts ({from:O} .. {to:O}).", nameof(to));

    /// <summary>
    /// Reads the two ends as given on a command line or a query string. A time without an offset is refused rather than
    /// read in some local zone: a period a few hours off would reconcile the wrong payments without saying so.
    /// </summary>
    public static bool TryParse(string? from, string? to, out ReconciliationPeriod? period, out IReadOnlyList<FieldError> errors)
    {
        var problems = new List<FieldError>();
        var start = Time("from", from, problems);
        var end = Time("to", to, problems);
        if (start is { } f && end is { } t && f >= t)
        {
            problems.Add(new FieldError("to", "not_after_from", "to must be later than from: the period is [from, to)."));
        }

        errors = problems;
        period = problems.Count == 0 ? new ReconciliationPeriod(start!.Value, end!.Value) : null;
        return period is not null;
    }

    private static DateTimeOffset? Time(string field, string? text, List<FieldError> problems)
    {
        if (string.IsNullOrEmpty(text))
        {
            problems.Add(new FieldError(field, "required", $"{field} is required, as an RFC 3339 time such as 2025-01-31T00:00:00Z."));
            return null;
        }

        if (Rfc3339().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        problems.Add(new FieldError(field, "invalid", $"{field} must be an RFC 3339 time with an offset, such as 2025-01-31T00:00:00Z."));
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
