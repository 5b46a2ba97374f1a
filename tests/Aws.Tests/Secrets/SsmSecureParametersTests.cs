using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Payments.Aws.Secrets;
using Payments.TestServices;

namespace Payments.Aws.Tests.Secrets;

/// <summary>SecureString parameters read back decrypted from moto's SSM.</summary>
public sealed class SsmSecureParametersTests(Moto moto) : IClassFixture<Moto>
{
    [Fact]
    public async Task Secure_parameter_is_read_back_decrypted()
    {
        using var ssm = moto.Ssm();
        var name = $"/payments/t{Guid.NewGuid():N}/api-key-hashes";
        await ssm.PutParameterAsync(new PutParameterRequest { Name = name, Type = ParameterType.SecureString, Value = "client_a:" + new string('a', 64) });

        Assert.Equal("client_a:" + new string('a', 64), await new SsmSecureParameters(ssm).Read(name, CancellationToken.None));
    }

    [Fact]
    public async Task Missing_parameter_is_refused_naming_it()
    {
        using var ssm = moto.Ssm();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SsmSecureParameters(ssm).Read("/payments/none/api-key-hashes", CancellationToken.None));

        Assert.Contains("/payments/none/api-key-hashes", error.Message, StringComparison.Ordinal);
    }
}
