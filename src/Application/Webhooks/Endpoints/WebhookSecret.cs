using System.Security.Cryptography;

namespace Payments.Application.Webhooks.Endpoints;

/// <summary>Standard Webhooks signing secrets: <c>whsec_</c> + base64 of 32 random bytes.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    private const int KeyBytes = 32;

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The HMAC key a secret stands for (the base64 after the prefix).</summary>
    public static byte[] Key(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException("A webhook secret starts with " + Prefix + ".");
        }

        return Convert.FromBase64String(secret[Prefix.Length..]);
    }
}
