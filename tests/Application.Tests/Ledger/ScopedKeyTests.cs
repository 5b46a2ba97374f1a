using FsCheck;
using FsCheck.Fluent;
using Payments.Application.Ledger;
using Payments.Domain.Requests;

namespace Payments.Application.Tests.Ledger;

public sealed class ScopedKeyTests
{
    private static readonly Gen<string> ClientIds =
        Gen.Elements("acme", "acme.eu", "acme-eu", "acme_eu", "a", "eu", "x", "Acme").SelectMany(id => Gen.Elements(id, id + ".eu", id + "-1"));

    private static readonly Gen<string> Keys =
        Gen.Elements("x", "eu/x", ".eu/x", "/x", "x/", "acme/eu/x", "eu", "-1/x", "/", "//").SelectMany(key => Gen.Elements(key, "eu/" + key, key + "/x"));

    /// <summary>No two (client, key) pairs share a claim: a client can never land on another tenant's payment.</summary>
    [FsCheck.Xunit.Property(MaxTest = 2000)]
    public Property Scoped_key_is_unique_per_client_and_key() =>
        Prop.ForAll(Arb.From(Gen.Zip(ClientIds, Keys)), Arb.From(Gen.Zip(ClientIds, Keys)), (a, b) =>
        {
            var ((clientA, keyA), (clientB, keyB)) = (a, b);
            var same = PaymentLedger.ScopedKey(clientA, IdempotencyKey.Parse(keyA)) == PaymentLedger.ScopedKey(clientB, IdempotencyKey.Parse(keyB));
            return same == (clientA == clientB && keyA == keyB);
        });

    [Fact]
    public void Scoped_key_keeps_the_client_slash_key_form_existing_claims_are_stored_in()
    {
        Assert.Equal("acme/eu/x", PaymentLedger.ScopedKey("acme", IdempotencyKey.Parse("eu/x")));
    }

    [Theory]
    [InlineData("acme/eu")]
    [InlineData("")]
    [InlineData("acme eu")]
    public void Client_id_that_would_make_the_scope_ambiguous_is_refused(string clientId)
    {
        Assert.Throws<ArgumentException>(() => PaymentLedger.ScopedKey(clientId, IdempotencyKey.Parse("x")));
    }
}
