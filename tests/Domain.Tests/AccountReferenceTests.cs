using Payments.Domain.Requests;

namespace Payments.Domain.Tests;

public sealed class AccountReferenceTests
{
    [Theory]
    [InlineData("acct\u200B1", "invisible_character")] // zero-width space
    [InlineData("acct\u200D1", "invisible_character")] // zero-width joiner
    [InlineData("acct\u202E1", "invisible_character")] // right-to-left override
    [InlineData("acct\u202A1", "invisible_character")] // left-to-right embedding
    [InlineData("acct\u2066x\u2069", "invisible_character")] // left-to-right isolate … pop isolate
    [InlineData("\uFEFFacct", "invisible_character")] // byte order mark
    [InlineData("acct\u00AD1", "invisible_character")] // soft hyphen
    [InlineData("acct\U000E0041", "invisible_character")] // tag letter, outside the BMP
    [InlineData("acct\u00A01", "invisible_character")] // no-break space
    [InlineData("acct\u30001", "invisible_character")] // ideographic space
    [InlineData("acct\u0378", "unassigned_character")]
    [InlineData("acct\uE000", "private_use_character")]
    [InlineData("acct\U000F0000", "private_use_character")]
    [InlineData("acct\uD800", "invalid_unicode")]
    [InlineData("acct\uDC00x", "invalid_unicode")]
    [InlineData("acct\u0007", "not_printable")]
    [InlineData("acct\u0085x", "not_printable")]
    [InlineData("acct\u2028x", "not_printable")]
    [InlineData("acct\u2029x", "not_printable")]
    [InlineData(" acct", "not_printable")]
    [InlineData("acct\u3000", "not_printable")]
    public void Hidden_or_unassigned_characters_are_refused_with_their_code(string account, string code)
    {
        var error = AccountReference.Check("source_account", account, out _);

        Assert.Equal(("source_account", code), (error?.Field, error?.Code));
        Assert.DoesNotContain(account, error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DE89370400440532013000")]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("wallet:josé@example")]
    [InlineData("口座-12345")]
    [InlineData("acct-😀")]
    public void Printable_references_in_any_script_are_accepted(string account)
    {
        Assert.Null(AccountReference.Check("source_account", account, out var normalized));
        Assert.Equal(account, normalized);
    }

    [Fact]
    public void Reference_is_kept_in_nfc()
    {
        Assert.Null(AccountReference.Check("source_account", "Cafe\u0301-1", out var normalized));
        Assert.Equal("Caf\u00E9-1", normalized);
    }

    [Fact]
    public void Nfd_and_nfc_forms_of_one_request_have_one_fingerprint()
    {
        PaymentRequestValidator.Validate(new PaymentRequest(10m, "EUR", "Cafe\u0301-1", "Ñandu-2"), out var decomposed);
        PaymentRequestValidator.Validate(new PaymentRequest(10m, "EUR", "Caf\u00E9-1", "N\u0303andu-2"), out var composed);

        Assert.Equal(composed!.Fingerprint(), decomposed!.Fingerprint());
        Assert.Equal(("Caf\u00E9-1", "\u00D1andu-2"), (decomposed.SourceAccount, decomposed.DestinationAccount));
    }

    [Fact]
    public void Nfd_and_nfc_forms_of_one_account_are_the_same_account()
    {
        var errors = PaymentRequestValidator.Validate(new PaymentRequest(10m, "EUR", "Cafe\u0301", "Caf\u00E9"), out _);

        Assert.Contains(errors, e => e.Code == "same_as_source");
    }
}
