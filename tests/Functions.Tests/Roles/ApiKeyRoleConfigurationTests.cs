using Payments.Functions.Api.Auth;
using Payments.Functions.Hosting;
using Payments.TestServices;

namespace Payments.Functions.Tests.Roles;

/// <summary>
/// Roles are configured beside the keys: <c>client_id:api_key</c> is a client's key as before,
/// <c>client_id:api_key:role[+role…]</c> carries the roles named; hashes the same. A bad entry stops the host, naming the
/// setting and never the key.
/// </summary>
public sealed class ApiKeyRoleConfigurationTests : IDisposable
{
    private const string Key = "k3y_0123456789";
    private static readonly string Hash = Convert.ToHexStringLower(ApiKeyRing.Hash(Key));

    private readonly TempDirectory _directory = new();

    [Fact]
    public void Entry_without_roles_is_a_clients_key()
    {
        var client = ApiKeyRing.FromConfiguration($"client_a:{Key}").Authenticate(Key);

        Assert.Equal(["client"], client?.Roles);
    }

    [Fact]
    public void Entry_with_roles_carries_each_of_them()
    {
        var client = ApiKeyRing.FromConfiguration($"client_a:other_key_0123,books:{Key}:finance+auditor").Authenticate(Key);

        Assert.Equal("books", client?.ClientId);
        Assert.Equal(["finance", "auditor"], client?.Roles);
    }

    [Fact]
    public void Hash_entries_carry_roles_and_default_to_client()
    {
        var other = Convert.ToHexStringLower(ApiKeyRing.Hash("other_key_0123"));
        var ring = ApiKeyRing.FromHashes($"ops:{Hash}:operator, client_a:{other}");

        Assert.Equal(["operator"], ring.Authenticate(Key)?.Roles);
        Assert.Equal(["client"], ring.Authenticate("other_key_0123")?.Roles);
    }

    [Fact]
    public void Dev_key_file_lines_carry_roles()
    {
        File.WriteAllText(_directory.File(DevApiKeyFile.FileName), $"dev:{Hash}:client+operator\n");

        var ring = DevApiKeyFile.LoadOrCreate(_directory.Path, out _);

        Assert.Equal(["client", "operator"], ring.Authenticate(Key)?.Roles);
    }

    [Theory]
    [InlineData("fnance", "'fnance'")]
    [InlineData("Finance", "an unknown role")]
    [InlineData("finance+admin", "'admin'")]
    public void Unknown_role_is_refused_naming_the_setting_and_the_role(string roles, string named)
    {
        var error = Assert.Throws<FormatException>(() => ApiKeyRing.FromConfiguration($"client_a:other_key_0123,books:{Key}:{roles}"));

        Assert.Contains("PAYMENTS_API_KEYS", error.Message, StringComparison.Ordinal);
        Assert.Contains("entry 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("finance+")]
    [InlineData("+auditor")]
    public void Empty_role_list_or_empty_role_is_refused(string roles)
    {
        var error = Assert.Throws<FormatException>(() => ApiKeyRing.FromConfiguration($"books:{Key}:{roles}"));

        Assert.Contains("PAYMENTS_API_KEYS", error.Message, StringComparison.Ordinal);
        Assert.Contains("empty role", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_holding_a_colon_with_roles_is_refused_without_showing_the_key()
    {
        var error = Assert.Throws<FormatException>(() => ApiKeyRing.FromConfiguration($"books:{Key}:part2_0123:finance"));

        Assert.Contains("PAYMENTS_API_KEYS", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot contain ':'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("part2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fnance")]
    [InlineData("")]
    [InlineData("client+")]
    public void Bad_roles_in_hashes_are_refused_naming_the_setting(string roles)
    {
        var error = Assert.Throws<FormatException>(() => ApiKeyRing.FromHashes($"books:{Hash}:{roles}"));

        Assert.Contains("PAYMENTS_API_KEY_HASHES", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_an_unknown_role_exits_with_invalid_settings()
    {
        await File.WriteAllTextAsync(_directory.File(DevApiKeyFile.FileName), $"dev:{Hash}:fnance\n");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var exit = await ServeCommand.Create().Parse(["--data-dir", _directory.Path, "--urls", "http://127.0.0.1:0"]).InvokeAsync(cancellationToken: timeout.Token);

        Assert.Equal(ServeCommand.InvalidSettings, exit);
    }

    public void Dispose() => _directory.Dispose();
}
