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

    [Fact]
    public void Unpaired_surrogates_are_refused()
    {
        // Built here, not in InlineData: test discovery would turn a lone surrogate into U+FFFD.
        foreach (var account in new[] { "acct" + '\uD800', "acct" + '\uDC00' + "x", '\uDBFF' + "x", "x" + '\uDC00' + '\uD800' })
        {
            Assert.Equal("invalid_unicode", AccountReference.Check("source_account", account, out _)?.Code);
        }
    }

    [Fact]
    public void Reference_is_normalized_as_unicode_nfc_for_every_vector()
    {
        var failures = new List<string>();
        foreach (var entry in NfcVectors.All.Split(';'))
        {
            var (input, expected) = (Decode(entry.Split('>')[0]), Decode(entry.Split('>')[1]));
            if (AccountReference.Check("source_account", "a" + input + "z", out var normalized) is not null || normalized != expected)
            {
                failures.Add(entry);
            }
        }

        Assert.Empty(failures.Take(20));
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

    private static string Decode(string hex) =>
        string.Concat(hex.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => char.ConvertFromUtf32(int.Parse(h, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture))));
}
