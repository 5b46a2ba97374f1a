using System.Net;
using Payments.Application.Ledger;
using Payments.Domain.Decisions;
using Payments.Domain.Requests;
using Payments.Domain.Serialization;
using Payments.Domain.State;
using Payments.EventStore.Contract;

namespace Payments.Functions.Tests.Api;

/// <summary>Idempotency keys are per (client, key): no key of one tenant ever reaches, or names, another tenant's payment.</summary>
public sealed class TenantScopeTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task Clients_acme_and_acme_eu_with_look_alike_keys_get_their_own_payments_and_409s()
    {
        using var acme = host.Client(ApiHostFixture.KeyAcme);
        using var acmeEu = host.Client(ApiHostFixture.KeyAcmeEu);
        var suffix = Guid.NewGuid().ToString("N");
        (HttpClient Client, string Key)[] posts =
        [
            (acme, "eu/" + suffix), (acme, ".eu/" + suffix), (acme, "eu//" + suffix),
            (acmeEu, suffix), (acmeEu, "/" + suffix), (acmeEu, "eu/" + suffix),
        ];

        var ids = new List<Guid>();
        foreach (var (client, key) in posts)
        {
            using var created = await client.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, key));
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
            ids.Add((await ApiRequests.Json(created)).GetProperty("payment_id").GetGuid());
        }

        Assert.Equal(posts.Length, ids.Distinct().Count());
        for (var i = 0; i < posts.Length; i++)
        {
            using var retry = await posts[i].Client.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, posts[i].Key));
            Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
            Assert.Equal(ids[i], (await ApiRequests.Json(retry)).GetProperty("payment_id").GetGuid());
        }
    }

    /// <summary>
    /// A data directory from before client ids were validated may hold a claim of client <c>acme/eu</c> for key <c>x</c>,
    /// stored as <c>acme/eu/x</c>: exactly what client <c>acme</c> with key <c>eu/x</c> scopes to today.
    /// </summary>
    [Theory]
    [InlineData(ApiRequests.ValidBody)]
    [InlineData("""{"amount":"1.00","currency":"EUR","source_account":"other-src","destination_account":"other-dst"}""")]
    public async Task Key_claimed_by_another_tenant_in_old_data_is_refused_without_naming_its_payment(string body)
    {
        var suffix = Guid.NewGuid().ToString("N");
        var legacy = await AppendLegacyPayment("acme/eu", suffix);
        using var acme = host.Client(ApiHostFixture.KeyAcme);
        var before = host.EventCount;

        using var response = await acme.SendAsync(ApiRequests.Post(body, "eu/" + suffix));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("idempotency-key-unavailable", text, StringComparison.Ordinal);
        Assert.DoesNotContain(legacy.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("payment_id", text, StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, host.EventCount);
    }

    /// <summary>What a ledger before this version wrote for a client id holding '/': its events and the claim <c>client/key</c>.</summary>
    private async Task<Guid> AppendLegacyPayment(string clientId, string key)
    {
        PaymentRequestValidator.Validate(new PaymentRequest(125.50m, "EUR", "DE89370400440532013000", "MX-CLABE-032180000118359719"), out var request);
        var paymentId = Guid.CreateVersion7();
        var decision = PaymentDecider.Decide(new PaymentCommand.RequestPayment(paymentId, clientId, IdempotencyKey.Parse(key), request!), Payment.Initial, DateTimeOffset.UtcNow);
        var events = decision.Events.Select(e =>
        {
            var encoded = PaymentEventCodec.Encode(e);
            return new NewEvent(encoded.Type, encoded.SchemaVersion, encoded.Data, new EventMetadata("legacy", null, "client:" + clientId));
        }).ToList();
        var result = await host.Store.Append(StreamId.For(paymentId), ExpectedVersion.NoStream, events, new UniqueKeyClaim($"{clientId}/{key}", request!.Fingerprint()), CancellationToken.None);
        Assert.IsType<AppendResult.Appended>(result);
        Assert.Equal($"{clientId}/{key}", PaymentLedger.ScopedKey("acme", IdempotencyKey.Parse("eu/" + key)));
        return paymentId;
    }
}
