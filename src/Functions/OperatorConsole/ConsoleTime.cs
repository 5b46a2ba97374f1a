using System.Globalization;

namespace Payments.Functions.OperatorConsole;

/// <summary>The console's time inputs are <c>datetime-local</c> fields read as UTC (the page says so).</summary>
public static class ConsoleTime
{
    public const string InputFormat = "yyyy-MM-ddTHH:mm";

    public static string Input(DateTimeOffset time) => time.UtcDateTime.ToString(InputFormat, CultureInfo.InvariantCulture);

    /// <summary>An RFC 3339 UTC time for a field's value; the text as given when it is not a time (the parser then names the field).</summary>
    public static string Rfc3339(string raw) =>
        DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : raw;
}
