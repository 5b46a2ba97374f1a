using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payments.Aws.HttpApi;
using Payments.Functions.Api.Auth;
using Payments.Functions.Lambda.Http;
using Payments.Functions.Lambda.Runtime;
using Payments.Functions.Tests.Lambda;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Tests.Gateway;

/// <summary>The api function keeps the duties API Gateway does not do for it: the access log and the request deadline.</summary>
public sealed class CloudApiGatewayDutiesTests
{
    private const string Key = "key_cloud_gateway_0123456789";

    [Fact]
    public async Task Api_function_times_out_a_stalled_request_as_a_504_problem_and_logs_it()
    {
        var log = new CapturedLog();
        var settings = new CloudOptions { RequestTimeout = TimeSpan.FromMilliseconds(200), ApiKeyHashes = "unused" };
        var (app, server) = await CloudApiHost.Start(
            settings,
            ApiKeyRing.FromConfiguration("client_c:" + Key),
            CancellationToken.None,
            services => services.AddSingleton<IPaymentReadModel>(new StalledReadModel()).AddSingleton<ILoggerProvider>(log));
        await using var _ = app;
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["authorization"] = "Bearer " + Key };

        var request = JsonSerializer.Deserialize(HttpApiEvents.Json("GET", "/payments", headers, null), HttpApiJsonContext.Default.HttpApiRequest)!;
        var response = await server.Handle(request, CancellationToken.None);

        Assert.Equal(504, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("/problems/timeout", response.Body, StringComparison.Ordinal);
        var line = await log.WaitFor(e => e.Category == "Payments.Access");
        Assert.Equal(("GET", "/payments", "504", "client_c"), (line.Text("Method"), line.Text("Route"), line.Text("Status"), line.Text("ClientId")));
        Assert.DoesNotContain(Key, line.Message, StringComparison.Ordinal);
    }
}
