using System.Text.Json;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Aws.EventStore;
using Payments.Aws.HttpApi;
using Payments.Aws.Projections;
using Payments.Functions.Api.Auth;
using Payments.Functions.Lambda.Runtime;
using Payments.TestServices;

namespace Payments.Functions.Tests.Lambda.Http;

/// <summary>The deployed way to give the api function its keys: the environment names an SSM SecureString (moto here).</summary>
public sealed class ApiKeysFromSsmTests(DynamoDbLocalFixture dynamo, Moto moto) : IClassFixture<DynamoDbLocalFixture>, IClassFixture<Moto>
{
    private const string Key = "key_ssm_0123456789";

    [Fact]
    public async Task Api_function_authenticates_with_the_key_hashes_from_its_secure_parameter()
    {
        DynamoDbLocal.ExportCredentialsToThisProcess();
        var prefix = DynamoDbLocal.UniquePrefix();
        await DynamoDbEventStoreSchema.EnsureCreated(dynamo.Client, DynamoDbEventStoreTables.WithPrefix(prefix), CancellationToken.None);
        await DynamoDbPaymentsSchema.EnsureCreated(dynamo.Client, prefix + DynamoDbPaymentsSchema.DefaultTableName, CancellationToken.None);
        var parameter = $"/payments/t{Guid.NewGuid():N}/api-key-hashes";
        using (var ssm = moto.Ssm())
        {
            await ssm.PutParameterAsync(new PutParameterRequest { Name = parameter, Type = ParameterType.SecureString, Value = "client_s:" + Convert.ToHexStringLower(ApiKeyRing.Hash(Key)) });
        }

        var api = await LambdaFunctions.Create(
            LambdaFunctions.Api,
            new CloudOptions
            {
                TablePrefix = prefix,
                ReadModelTable = prefix + DynamoDbPaymentsSchema.DefaultTableName,
                DynamoDbEndpoint = dynamo.Local.ServiceUrl,
                SsmEndpoint = moto.ServiceUrl,
                ApiKeyHashesParameter = parameter,
            },
            NullLoggerFactory.Instance,
            CancellationToken.None);

        Assert.Equal(200, await StatusOf(api, "Bearer " + Key));
        Assert.Equal(401, await StatusOf(api, "Bearer not-the-key"));
    }

    [Fact]
    public async Task Api_function_refuses_to_start_when_its_secure_parameter_names_a_bad_client_id()
    {
        DynamoDbLocal.ExportCredentialsToThisProcess();
        var parameter = $"/payments/t{Guid.NewGuid():N}/api-key-hashes";
        using (var ssm = moto.Ssm())
        {
            await ssm.PutParameterAsync(new PutParameterRequest { Name = parameter, Type = ParameterType.SecureString, Value = "acme/eu:" + Convert.ToHexStringLower(ApiKeyRing.Hash(Key)) });
        }

        var error = await Assert.ThrowsAsync<FormatException>(() => LambdaFunctions.Create(
            LambdaFunctions.Api,
            new CloudOptions { DynamoDbEndpoint = dynamo.Local.ServiceUrl, SsmEndpoint = moto.ServiceUrl, ApiKeyHashesParameter = parameter },
            NullLoggerFactory.Instance,
            CancellationToken.None));

        Assert.Contains("'acme/eu'", error.Message, StringComparison.Ordinal);
    }

    private static async Task<int> StatusOf(Func<string, CancellationToken, Task<string>> api, string authorization)
    {
        var json = await api(Payments.Functions.Tests.Lambda.HttpApiEvents.Json("GET", "/payments", new Dictionary<string, string> { ["authorization"] = authorization }, null), CancellationToken.None);
        return JsonSerializer.Deserialize(json, HttpApiJsonContext.Default.HttpApiResponse)!.StatusCode;
    }
}
