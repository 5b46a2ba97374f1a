using System.Globalization;
using System.Text;

namespace Payments.Domain.Requests;

/// <summary>
/// The client ids an API key may carry: 1–64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit
/// (<c>^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$</c>). A client id scopes idempotency keys as <c>client/key</c> and appears in
/// stored events, table keys and logs, so it must never hold the scope separator '/', the configuration separators
/// ':' and ',', whitespace, or anything outside ASCII. Upper case stays allowed: ids compare ordinally everywhere, and
/// refusing it would make an existing deployment rename a tenant, which orphans that tenant's payments and key claims.
/// </summary>
public static class ClientIdFormat
{
    public const int MaxLength = 64;

    public static bool IsValid(string? clientId)
    {
        if (string.IsNullOrEmpty(clientId) || clientId.Length > MaxLength || !char.IsAsciiLetterOrDigit(clientId[0]))
        {
            return false;
        }

        foreach (var c in clientId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The id quoted for an error message, with anything outside printable ASCII escaped so it can be seen.</summary>
    public static string Quote(string clientId)
    {
        var shown = new StringBuilder("'");
        foreach (var c in clientId.Length > 80 ? clientId[..80] : clientId)
        {
            shown.Append(c is >= ' ' and <= '~' ? c.ToString() : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"));
        }

        return shown.Append(clientId.Length > 80 ? "'…" : "'").ToString();
    }

    public static string Rule => $"1–{MaxLength} characters of A–Z, a–z, 0–9, '.', '_' or '-', starting with a letter or digit";
}
