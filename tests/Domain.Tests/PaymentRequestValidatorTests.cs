using Payments.Domain.Requests;

namespace Payments.Domain.Tests;

public sealed class PaymentRequestValidatorTests
{
    private static IReadOnlyList<FieldError> Validate(decimal? amount, string? currency, string? source = "acct-src", string? destination = "acct-dst") =>
        PaymentRequestValidator.Validate(new PaymentRequest(amount, currency, source, destination), out _);

    [Theory]
    [InlineData("10.50", "USD")]
    [InlineData("0.01", "EUR")]
    [InlineData("1500", "JPY")]
    [InlineData("10000000", "USD")]
    [InlineData("12.3", "GBP")]
    [InlineData("250000.75", "NGN")]
    public void Valid_request_passes(string amount, string currency)
    {
        Assert.Empty(Validate(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));
    }

    [Theory]
    [InlineData("0", "USD", "amount", "not_positive")]
    [InlineData("-1", "USD", "amount", "not_positive")]
    [InlineData("0.001", "USD", "amount", "too_precise")]
    [InlineData("1.5", "JPY", "amount", "too_precise")]
    [InlineData("10000000.01", "USD", "amount", "too_large")]
    [InlineData("10", "usd", "currency", "unsupported")]
    [InlineData("10", "XXX", "currency", "unsupported")]
    [InlineData("10", "", "currency", "required")]
    public void Invalid_amount_or_currency_is_reported_on_its_field(string amount, string currency, string field, string code)
    {
        var errors = Validate(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency);

        Assert.Contains(errors, e => e.Field == field && e.Code == code);
    }

    [Fact]
    public void Missing_fields_are_all_reported_at_once()
    {
        var errors = Validate(null, null, null, null);

        Assert.Equal(["amount", "currency", "destination_account", "source_account"], errors.Select(e => e.Field).Order());
    }

    [Theory]
    [InlineData("   ")]
    [InlineData(" padded")]
    [InlineData("tab\there")]
    [InlineData("nul\0")]
    public void Unprintable_or_blank_account_is_refused(string account)
    {
        Assert.Contains(Validate(10m, "USD", account), e => e.Field == "source_account");
    }

    [Fact]
    public void Overlong_account_is_refused()
    {
        Assert.Contains(Validate(10m, "USD", new string('a', 129)), e => e is { Field: "source_account", Code: "too_long" });
    }

    [Fact]
    public void Same_source_and_destination_is_refused()
    {
        Assert.Contains(Validate(10m, "USD", "acct-1", "acct-1"), e => e.Code == "same_as_source");
    }

    [Fact]
    public void Fingerprint_ignores_trailing_zeros_but_not_amount_changes()
    {
        PaymentRequestValidator.Validate(new PaymentRequest(10.5m, "USD", "a", "b"), out var short1);
        PaymentRequestValidator.Validate(new PaymentRequest(10.50m, "USD", "a", "b"), out var long1);
        PaymentRequestValidator.Validate(new PaymentRequest(10.51m, "USD", "a", "b"), out var other);

        Assert.Equal(short1!.Fingerprint(), long1!.Fingerprint());
        Assert.NotEqual(short1.Fingerprint(), other!.Fingerprint());
    }

    [Theory]
    [InlineData("k")]
    [InlineData("550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("~!@#$%^&*()_+{}|:<>?")]
    public void Printable_ascii_idempotency_key_is_accepted(string raw)
    {
        Assert.True(IdempotencyKey.TryParse(raw, out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("has space")]
    [InlineData("clé")]
    [InlineData("tab\t")]
    public void Empty_non_ascii_or_unprintable_idempotency_key_is_refused(string? raw)
    {
        Assert.False(IdempotencyKey.TryParse(raw, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Idempotency_key_of_255_chars_is_accepted_and_256_refused()
    {
        Assert.True(IdempotencyKey.TryParse(new string('k', 255), out _, out _));
        Assert.False(IdempotencyKey.TryParse(new string('k', 256), out _, out _));
    }
}
