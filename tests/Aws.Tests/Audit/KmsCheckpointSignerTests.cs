using System.Security.Cryptography;
using System.Text;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Payments.Aws.Audit;
using Payments.Aws.Topology;
using Payments.EventStore.Audit;
using Payments.TestServices;

namespace Payments.Aws.Tests.Audit;

/// <summary>Checkpoints signed by an ECC_NIST_P256 SIGN_VERIFY key in moto, created as the topology defines it.</summary>
public sealed class KmsCheckpointSignerTests(Moto moto) : IClassFixture<Moto>
{
    private static readonly KeyDefinition AuditKey = CloudTopology.Define(CloudEnvironment.Dev).Keys.Single(k => k.KeyUsage == "SIGN_VERIFY");

    [Fact]
    public async Task Checkpoint_signed_through_kms_verifies_with_the_key_it_carries_and_the_key_kms_publishes()
    {
        using var kms = moto.Kms();
        var keyId = await NewKey(kms, AuditKey.KeySpec);

        var checkpoint = await Sign(new KmsCheckpointSigner(kms, keyId), 42);

        Assert.True(checkpoint.SignatureVerifies());
        var published = (await kms.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = keyId })).PublicKey.ToArray();
        Assert.Equal(published, checkpoint.PublicKey);
        Assert.True(checkpoint.SignatureVerifies(published));
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(checkpoint.Note));
        using var signature = new MemoryStream(checkpoint.Signature);
        var byKms = await kms.VerifyAsync(new VerifyRequest
        {
            KeyId = keyId, Message = body, MessageType = MessageType.RAW, Signature = signature, SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256,
        });
        Assert.True(byKms.SignatureValid);
    }

    [Fact]
    public async Task Checkpoint_signed_through_kms_fails_under_another_key_and_once_its_head_is_changed()
    {
        using var kms = moto.Kms();
        var checkpoint = await Sign(new KmsCheckpointSigner(kms, await NewKey(kms, AuditKey.KeySpec)), 42);
        var other = await new KmsCheckpointSigner(kms, await NewKey(kms, AuditKey.KeySpec)).PublicKey(CancellationToken.None);

        Assert.False(checkpoint.SignatureVerifies(other));
        Assert.False((checkpoint with { TreeSize = 43 }).SignatureVerifies());
        Assert.False((checkpoint with { PublicKey = other }).SignatureVerifies());
    }

    [Fact]
    public async Task Public_key_is_read_from_kms_once()
    {
        var kms = moto.Kms();
        var signer = new KmsCheckpointSigner(kms, await NewKey(kms, AuditKey.KeySpec));
        var first = await signer.PublicKey(CancellationToken.None);

        kms.Dispose();

        Assert.Equal(first, await signer.PublicKey(CancellationToken.None));
    }

    [Theory]
    [InlineData("ECC_NIST_P384")]
    [InlineData("RSA_2048")]
    public async Task Signing_key_other_than_p256_is_refused(string keySpec)
    {
        using var kms = moto.Kms();
        var signer = new KmsCheckpointSigner(kms, await NewKey(kms, keySpec));

        await Assert.ThrowsAsync<CryptographicException>(() => signer.PublicKey(CancellationToken.None));
    }

    private static async Task<SignedCheckpoint> Sign(KmsCheckpointSigner signer, long size)
    {
        var root = SHA256.HashData(Encoding.UTF8.GetBytes("root"));
        var issuedAt = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var note = SignedCheckpoint.NoteOf("payments-ledger", size, root, issuedAt);
        var signature = await signer.Sign(Encoding.UTF8.GetBytes(note), CancellationToken.None);
        return new SignedCheckpoint("payments-ledger", size, root, issuedAt, await signer.PublicKey(CancellationToken.None), signature);
    }

    private static async Task<string> NewKey(IAmazonKeyManagementService kms, string keySpec) =>
        (await kms.CreateKeyAsync(new CreateKeyRequest
        {
            Description = "audit checkpoints (test)",
            KeySpec = KeySpec.FindValue(keySpec),
            KeyUsage = KeyUsageType.FindValue(AuditKey.KeyUsage),
        })).KeyMetadata.Arn;
}
