namespace Payments.Application.Webhooks.Endpoints;

/// <summary>
/// Seals endpoint secrets at rest. Signing needs the secret itself, so it is encrypted rather than hashed; the key
/// lives outside the data (a key file outside the data directory embedded, KMS in the cloud). The endpoint id is
/// bound as associated data, so a sealed secret copied onto another endpoint does not open.
/// </summary>
public interface IWebhookSecretCipher
{
    Task<string> Seal(string secret, string endpointId, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="System.Security.Cryptography.CryptographicException"/> when the value was not sealed for this endpoint with this key.</summary>
    Task<string> Open(string sealedSecret, string endpointId, CancellationToken cancellationToken);
}
