using System.Security.Cryptography;
using System.Text;
using Payments.Embedded.Webhooks;
using Payments.TestServices;

namespace Payments.Embedded.Tests.Webhooks;

public sealed class KeyFileSecretCipherTests : IDisposable
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _home = new();

    private string DataDirectory => Path.Combine(_home.Path, "data");

    private string KeyPath => Path.Combine(_home.Path, "config", "payments", "webhook-secrets.key");

    [Fact]
    public async Task Sealed_secret_opens_for_its_endpoint()
    {
        var cipher = KeyFileSecretCipher.OpenOrCreate(KeyPath, DataDirectory);

        var sealedSecret = await cipher.Seal(Secret, "ep_1", None);

        Assert.StartsWith("v1:", sealedSecret, StringComparison.Ordinal);
        Assert.Equal(Secret, await cipher.Open(sealedSecret, "ep_1", None));
    }

    [Fact]
    public async Task Sealed_secret_copied_onto_another_endpoint_does_not_open()
    {
        var cipher = KeyFileSecretCipher.OpenOrCreate(KeyPath, DataDirectory);

        var sealedSecret = await cipher.Seal(Secret, "ep_1", None);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => cipher.Open(sealedSecret, "ep_2", None));
    }

    [Fact]
    public async Task Sealed_secret_with_any_byte_changed_does_not_open()
    {
        var cipher = KeyFileSecretCipher.OpenOrCreate(KeyPath, DataDirectory);
        var sealedBytes = Convert.FromBase64String((await cipher.Seal(Secret, "ep_1", None))["v1:".Length..]);

        for (var i = 0; i < sealedBytes.Length; i++)
        {
            var tampered = (byte[])sealedBytes.Clone();
            tampered[i] ^= 0x01;
            await Assert.ThrowsAnyAsync<CryptographicException>(() => cipher.Open("v1:" + Convert.ToBase64String(tampered), "ep_1", None));
        }
    }

    [Fact]
    public async Task Secret_sealed_under_another_key_does_not_open()
    {
        var other = KeyFileSecretCipher.OpenOrCreate(Path.Combine(_home.Path, "other.key"), DataDirectory);
        var cipher = KeyFileSecretCipher.OpenOrCreate(KeyPath, DataDirectory);

        var sealedSecret = await other.Seal(Secret, "ep_1", None);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => cipher.Open(sealedSecret, "ep_1", None));
    }

    [Theory]
    [InlineData("v2:AAAA")]
    [InlineData("v1:not base64!")]
    [InlineData("v1:AAAA")]
    [InlineData("whsec_plain")]
    public async Task Text_that_was_never_sealed_does_not_open(string text)
    {
        var cipher = KeyFileSecretCipher.OpenOrCreate(KeyPath, DataDirectory);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => cipher.Open(text, "ep_1", None));
    }

    [Fact]
    public async Task Sealed_text_under_another_version_prefix_does_not_open()
    {
        var cipher = KeyFileSecretCipher.OpenOrCreate(KeyPath, DataDirectory);

        var sealedSecret = await cipher.Seal(Secret, "ep_1", None);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => cipher.Open("v2:" + sealedSecret["v1:".Length..], "ep_1", None));
    }

    [Fact]
    public async Task Sealed_text_never_shows_the_secret_and_differs_each_time()
    {
        var cipher = KeyFileSecretCipher.OpenOrCreate(KeyPath, DataDirectory);

        var first = await cipher.Seal(Secret, "ep_1", None);
        var second = await cipher.Seal(Secret, "ep_1", None);

        Assert.DoesNotContain(Secret, first, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret["whsec_".Length..], first, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret))[..16], first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Key_file_is_created_for_its_owner_only_and_reused_by_later_opens()
    {
        var sealedSecret = await KeyFileSecretCipher.OpenOrCreate(KeyPath, DataDirectory).Seal(Secret, "ep_1", None);
        var key = await File.ReadAllBytesAsync(KeyPath);

        var reopened = KeyFileSecretCipher.OpenOrCreate(KeyPath, DataDirectory);

        Assert.Equal(32, key.Length);
        Assert.Equal(key, await File.ReadAllBytesAsync(KeyPath));
        Assert.Equal(Secret, await reopened.Open(sealedSecret, "ep_1", None));
        Assert.Equal([Path.GetFileName(KeyPath)], Directory.GetFiles(Path.GetDirectoryName(KeyPath)!).Select(Path.GetFileName));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        }
    }

    [Theory]
    [InlineData("webhook-secrets.key", "")]
    [InlineData("keys/webhook-secrets.key", "")]
    [InlineData("webhook-secrets.key", "/")]
    [InlineData("keys/../webhook-secrets.key", "/")]
    [InlineData("", "")]
    [InlineData("", "/")]
    public void Key_path_inside_the_data_directory_is_refused(string keyInData, string dataSuffix)
    {
        var keyPath = Path.Combine(DataDirectory, keyInData);

        var refused = Assert.Throws<ArgumentException>(() => KeyFileSecretCipher.OpenOrCreate(keyPath, DataDirectory + dataSuffix));

        Assert.Contains("inside the data directory", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(keyPath));
    }

    [Fact]
    public void Key_path_beside_a_data_directory_sharing_its_name_prefix_is_accepted()
    {
        var besides = Path.Combine(DataDirectory + "-keys", "webhook-secrets.key");

        KeyFileSecretCipher.OpenOrCreate(besides, DataDirectory);

        Assert.True(File.Exists(besides));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(33)]
    public void Key_file_of_the_wrong_length_is_refused(int length)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        File.WriteAllBytes(KeyPath, new byte[length]);

        Assert.Throws<InvalidDataException>(() => KeyFileSecretCipher.OpenOrCreate(KeyPath, DataDirectory));
    }

    [Fact]
    public void Default_key_path_is_in_the_users_configuration_folder()
    {
        var path = KeyFileSecretCipher.DefaultKeyPath();

        Assert.Equal(
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "payments", "webhook-secrets.key"),
            path);
        Assert.True(Path.IsPathRooted(path));
    }

    public void Dispose() => _home.Dispose();
}
