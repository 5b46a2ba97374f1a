using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Tests.Hosting;

public sealed class UnhandledExceptionTests
{
    private const string Secret = "connection string Password=hunter2";

    [Fact]
    public async Task Handler_that_throws_answers_500_problem_json_with_a_trace_id_and_no_stack_trace()
    {
        await using var host = await TestHost.Start(overrides: services => services.AddSingleton<IPaymentReadModel>(new ExplodingReadModel()));

        using var response = await host.Client.GetAsync("/payments");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(text);
        Assert.Equal(500, body.RootElement.GetProperty("status").GetInt32());
        Assert.EndsWith("/internal-error", body.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", body.RootElement.GetProperty("trace_id").GetString());
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ExplodingReadModel), text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_route_answers_a_problem_body_not_an_empty_404()
    {
        await using var host = await TestHost.Start();

        using var response = await host.Client.GetAsync("/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Matches("^[0-9a-f]{32}$", body.RootElement.GetProperty("trace_id").GetString());
    }

    private sealed class ExplodingReadModel : IPaymentReadModel
    {
        public Task<PaymentRecord?> Find(Guid paymentId, CancellationToken cancellationToken) => throw new InvalidOperationException(Secret);

        public Task<PaymentPage> List(PaymentQuery query, CancellationToken cancellationToken) => throw new InvalidOperationException(Secret);
    }
}
