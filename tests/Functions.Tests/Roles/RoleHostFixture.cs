using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Payments.Application.Ledger;
using Payments.Domain.Decisions;
using Payments.Embedded.EventStore;
using Payments.EventStore.Contract;
using Payments.Functions.Api.Auth;
using Payments.Functions.Hosting;
using Payments.Functions.Tests.Api;
using Payments.Functions.Tests.Webhooks;
using Payments.Projections.ReadModel;
using Payments.TestServices;

namespace Payments.Functions.Tests.Roles;

/// <summary>
/// The real host on a free 127.0.0.1 port with one key per role (and one client that is also an auditor), on a fake
/// clock, holding three payments: client_a's at versions 1–3 recorded a minute apart from <see cref="Start"/>, and one
/// each of client_b and acme.
/// </summary>
public sealed class RoleHostFixture : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["client_a"] = "key_role_a_0123456789",
        ["client_b"] = "key_role_b_0123456789",
        ["auditor"] = "key_role_audit_0123456789",
        ["finance"] = "key_role_books_0123456789",
        ["operator"] = "key_role_ops_0123456789",
        ["client+auditor"] = "key_role_acme_0123456789",
    };

    private static readonly EventMetadata Metadata = new("role-tests", null, "test");

    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _webhookKeys = new();
    private WebApplication? _app;

    public FakeTimeProvider Time { get; } = Clock.Fake();

    public DateTimeOffset Start { get; private set; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public SqliteEventStore Store => _app!.Services.GetRequiredService<SqliteEventStore>();

    public PaymentLedger Ledger => _app!.Services.GetRequiredService<PaymentLedger>();

    public Guid PaymentA { get; private set; }

    public Guid PaymentB { get; private set; }

    public Guid PaymentAcme { get; private set; }

    public async Task InitializeAsync()
    {
        var settings = new ServeOptions
        {
            Urls = "http://127.0.0.1:0", DataDirectory = _directory.Path, WebhookKeyFile = _webhookKeys.File("webhook-secrets.key"), AuditKeyFile = _webhookKeys.File("audit.pem"),
        };
        var keys = ApiKeyRing.FromConfiguration(string.Join(',',
            $"client_a:{Keys["client_a"]}",
            $"client_b:{Keys["client_b"]}",
            $"audit:{Keys["auditor"]}:auditor",
            $"books:{Keys["finance"]}:finance",
            $"ops:{Keys["operator"]}:operator",
            $"acme:{Keys["client+auditor"]}:client+auditor"));
        _app = PaymentsHost.Build(settings, keys, services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IPaymentReadModel>(sp => new LogFoldingReadModel(sp.GetRequiredService<SqliteEventStore>()));
            WebhookApiFixture.WithoutBackgroundServices(services);
        });
        await _app.StartAsync();
        BaseAddress = new Uri(PaymentsHost.ListeningAddresses(_app).Single());

        Start = Time.GetUtcNow();
        PaymentA = await Create("client_a");
        Time.Advance(TimeSpan.FromMinutes(1));
        await Ledger.Execute(PaymentA, new PaymentCommand.StartProcessing(), Metadata, CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));
        await Ledger.Execute(PaymentA, new PaymentCommand.CompleteOnRamp("onramp-role-1", 135.54m, 1.08m), Metadata, CancellationToken.None);
        PaymentB = await Create("client_b");
        PaymentAcme = await Create("client+auditor");
    }

    /// <summary>A client sending the key of <paramref name="role"/> (a name of <see cref="Keys"/>), or no key.</summary>
    public HttpClient Client(string? role)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[role]);
        }

        return client;
    }

    public async Task<Guid> Create(string role)
    {
        using var client = Client(role);
        using var created = await client.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, ApiRequests.NewKey()));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, created.StatusCode);
        return (await ApiRequests.Json(created)).GetProperty("payment_id").GetGuid();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _directory.Dispose();
        _webhookKeys.Dispose();
    }
}
