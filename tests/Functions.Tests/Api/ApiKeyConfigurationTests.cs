using Payments.Functions.Api.Auth;
using Payments.Functions.Hosting;

namespace Payments.Functions.Tests.Api;

/// <summary>A client id that could blur an idempotency scope stops the host at start, naming the id and where it came from.</summary>
public sealed class ApiKeyConfigurationTests : IDisposable
{
    private static readonly string Hash = Convert.ToHexStringLower(ApiKeyRing.Hash("key_0123456789"));

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "payments-keys-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("acme/eu")]
    [InlineData("acme eu")]
    [InlineData(".acme")]
    [InlineData("acmé")]
    [InlineData("acme\u200B")]
    public void Bad_client_id_in_api_keys_is_refused_naming_it(string clientId)
    {
        var error = Assert.Throws<FormatException>(() => ApiKeyRing.FromConfiguration($"client_a:key_a_0123456789,{clientId}:key_b_0123456789"));

        Assert.Contains(ClientIdFormatQuote(clientId), error.Message, StringComparison.Ordinal);
        Assert.Contains("PAYMENTS_API_KEYS", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("key_b_0123456789", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_client_id_in_api_key_hashes_is_refused_naming_it()
    {
        var error = Assert.Throws<FormatException>(() => ApiKeyRing.FromHashes($"acme/eu:{Hash}"));

        Assert.Contains("'acme/eu'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_client_id_in_the_dev_key_file_is_refused_naming_the_file()
    {
        Directory.CreateDirectory(_dataDirectory);
        File.WriteAllText(Path.Combine(_dataDirectory, DevApiKeyFile.FileName), $"acme/eu:{Hash}\n");

        var error = Assert.Throws<FormatException>(() => DevApiKeyFile.LoadOrCreate(_dataDirectory, out _));

        Assert.Contains("'acme/eu'", error.Message, StringComparison.Ordinal);
        Assert.Contains(DevApiKeyFile.FileName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_a_bad_client_id_exits_with_invalid_settings_instead_of_serving()
    {
        Directory.CreateDirectory(_dataDirectory);
        await File.WriteAllTextAsync(Path.Combine(_dataDirectory, DevApiKeyFile.FileName), $"acme/eu:{Hash}\n");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var exit = await ServeCommand.Create().Parse(["--data-dir", _dataDirectory, "--urls", "http://127.0.0.1:0"]).InvokeAsync(cancellationToken: timeout.Token);

        Assert.Equal(ServeCommand.InvalidSettings, exit);
    }

    [Fact]
    public void Safe_client_ids_load()
    {
        var ring = ApiKeyRing.FromConfiguration("acme:key_1_0123456789,acme.eu:key_2_0123456789,client_a-1:key_3_0123456789");

        Assert.Equal("acme.eu", ring.Authenticate("key_2_0123456789")?.ClientId);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static string ClientIdFormatQuote(string clientId) => Payments.Domain.Requests.ClientIdFormat.Quote(clientId);
}
