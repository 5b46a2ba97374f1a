using System.Net;

namespace Payments.Application.Webhooks.Routing;

/// <summary>
/// IP address literals as cidr matching reads them: dotted-quad IPv4 in plain decimal, or IPv6. Stricter than
/// <see cref="IPAddress.TryParse(string, out IPAddress)"/>, which also takes "10.1" and octal "010.0.0.1" as IPv4.
/// </summary>
internal static class AddressLiteral
{
    public static bool TryParse(string text, out IPAddress address)
    {
        address = IPAddress.None;
        var valid = text.Contains(':', StringComparison.Ordinal)
            ? !text.Contains('%', StringComparison.Ordinal) && !text.Contains('[', StringComparison.Ordinal)
            : IsDottedQuad(text);
        if (!valid || !IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        address = parsed;
        return true;
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p =>
            p.Length is >= 1 and <= 3
            && p.All(char.IsAsciiDigit)
            && (p.Length == 1 || p[0] != '0')
            && int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) <= 255);
    }
}
