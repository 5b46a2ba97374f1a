using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Payments.Aws.Webhooks;
using Payments.TestServices;

namespace Payments.Aws.Tests.Webhooks;

/// <summary>Endpoint secrets sealed and opened with a KMS key in moto, bound to their endpoint by encryption context.</summary>
public sealed class KmsSecretCipherTests(Moto moto) : IClassFixture<Moto>
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public async Task Sealed_secret_opens_to_itself_for_its_endpoint_and_never_shows_it()
    {
        using var kms = moto.Kms();
        var cipher = new KmsSecretCipher(kms, await NewKey(kms));

        var sealedSecret = await cipher.Seal(Secret, "ep_1", CancellationToken.None);

        Assert.StartsWith(KmsSecretCipher.Prefix, sealedSecret, StringComparison.Ordinal);
        Assert.DoesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", sealedSecret, StringComparison.Ordinal);
        Assert.Equal(Secret, await cipher.Open(sealedSecret, "ep_1", CancellationToken.None));
    }

    [Fact]
    public async Task Secret_sealed_for_one_endpoint_does_not_open_for_another()
    {
        using var kms = moto.Kms();
        var cipher = new KmsSecretCipher(kms, await NewKey(kms));
        var sealedSecret = await cipher.Seal(Secret, "ep_1", CancellationToken.None);

        await Assert.ThrowsAsync<CryptographicException>(() => cipher.Open(sealedSecret, "ep_2", CancellationToken.None));
    }

    [Fact]
    public async Task Tampered_sealed_secret_does_not_open()
    {
        using var kms = moto.Kms();
        var cipher = new KmsSecretCipher(kms, await NewKey(kms));
        var blob = Convert.FromBase64String((await cipher.Seal(Secret, "ep_1", CancellationToken.None))[KmsSecretCipher.Prefix.Length..]);
        blob[^1] ^= 0x01;

        await Assert.ThrowsAsync<CryptographicException>(() => cipher.Open(KmsSecretCipher.Prefix + Convert.ToBase64String(blob), "ep_1", CancellationToken.None));
    }

    [Theory]
    [InlineData("whsec_in_clear")]
    [InlineData("kms1:not base64!")]
    [InlineData("aead1:AAAA")]
    public async Task Value_that_is_not_a_kms_sealed_secret_is_refused_without_calling_kms(string value)
    {
        using var kms = moto.Kms();
        var cipher = new KmsSecretCipher(kms, "alias/none");

        await Assert.ThrowsAsync<CryptographicException>(() => cipher.Open(value, "ep_1", CancellationToken.None));
    }

    private static async Task<string> NewKey(IAmazonKeyManagementService kms) =>
        (await kms.CreateKeyAsync(new CreateKeyRequest { Description = "webhook secrets (test)" })).KeyMetadata.Arn;
}
