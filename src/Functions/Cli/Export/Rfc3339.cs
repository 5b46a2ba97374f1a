using System.Globalization;
using System.Text.RegularExpressions;

namespace Payments.Functions.Cli.Export;

/// <summary>
/// RFC 3339 date-times only: a date, a time and an explicit offset. A bare date or a time without offset would
/// silently mean the machine's local zone, and a finance window must not move with the machine running it.
/// </summary>
internal static partial class Rfc3339
{
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        return text is not null
            && Shape().IsMatch(text)
            && DateTimeOffset.TryParse(text.ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Shape();
}
