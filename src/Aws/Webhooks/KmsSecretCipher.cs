using System.Security.Cryptography;
using System.Text;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Payments.Application.Webhooks.Endpoints;

namespace Payments.Aws.Webhooks;

/// <summary>
/// Seals endpoint secrets with a KMS key: the key never leaves KMS, and the endpoint id is the encryption context, so
/// KMS itself refuses a sealed secret moved onto another endpoint. A secret is far below KMS's 4 KB plaintext limit,
/// so it is encrypted directly, without a data key. Sealed form: <c>kms1:</c> + base64 of the ciphertext blob.
/// </summary>
public sealed class KmsSecretCipher(IAmazonKeyManagementService kms, string keyId) : IWebhookSecretCipher
{
    public const string Prefix = "kms1:";

    private const string EndpointContext = "endpoint_id";

    public async Task<string> Seal(string secret, string endpointId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        using var plaintext = new MemoryStream(Encoding.UTF8.GetBytes(secret));
        var response = await kms.EncryptAsync(
            new EncryptRequest { KeyId = keyId, Plaintext = plaintext, EncryptionContext = Context(endpointId) },
            cancellationToken).ConfigureAwait(false);
        return Prefix + Convert.ToBase64String(response.CiphertextBlob.ToArray());
    }

    public async Task<string> Open(string sealedSecret, string endpointId, CancellationToken cancellationToken)
    {
        using var ciphertext = new MemoryStream(Blob(sealedSecret));
        try
        {
            var response = await kms.DecryptAsync(
                new DecryptRequest { KeyId = keyId, CiphertextBlob = ciphertext, EncryptionContext = Context(endpointId) },
                cancellationToken).ConfigureAwait(false);
            return Encoding.UTF8.GetString(response.Plaintext.ToArray());
        }
        catch (Exception e) when (e is InvalidCiphertextException or IncorrectKeyException)
        {
            throw new CryptographicException($"The secret of webhook endpoint {endpointId} was not sealed for it with this key.", e);
        }
    }

    private static byte[] Blob(string sealedSecret)
    {
        if (sealedSecret is null || !sealedSecret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException($"A KMS-sealed secret starts with '{Prefix}'.");
        }

        try
        {
            return Convert.FromBase64String(sealedSecret[Prefix.Length..]);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("The sealed secret is not base64 after its prefix.", e);
        }
    }

    private static Dictionary<string, string> Context(string endpointId) => new(StringComparer.Ordinal) { [EndpointContext] = endpointId };
}
