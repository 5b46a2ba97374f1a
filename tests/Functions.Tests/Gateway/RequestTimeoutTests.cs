using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Payments.Functions.Tests.Hosting;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Tests.Gateway;

public sealed class RequestTimeoutTests
{
    [Fact]
    public async Task Request_past_its_deadline_answers_504_in_the_api_problem_shape()
    {
        await using var host = await TestHost.Start(
            options => options.RequestTimeout = TimeSpan.FromMilliseconds(200),
            services => services.AddSingleton<IPaymentReadModel>(new StalledReadModel()));

        using var response = await host.Client.GetAsync("/payments");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(504, problem.RootElement.GetProperty("status").GetInt32());
        Assert.EndsWith("/timeout", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", problem.RootElement.GetProperty("trace_id").GetString());
    }

    [Fact]
    public async Task Request_within_its_deadline_is_answered_normally()
    {
        await using var host = await TestHost.Start(options => options.RequestTimeout = TimeSpan.FromMilliseconds(200));

        using var response = await host.Client.GetAsync("/payments");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
