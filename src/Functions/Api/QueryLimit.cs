using System.Globalization;
using Payments.Domain.Requests;

namespace Payments.Functions.Api;

/// <summary>The <c>limit</c> query parameter of a list: a whole number within the list's range, or a field error.</summary>
public static class QueryLimit
{
    public static int Parse(string raw, int defaultLimit, int maxLimit, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(errors);
        if (raw.Length == 0)
        {
            return defaultLimit;
        }

        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= maxLimit)
        {
            return limit;
        }

        errors.Add(new FieldError("limit", "out_of_range", $"limit must be a whole number from 1 to {maxLimit}"));
        return defaultLimit;
    }
}
