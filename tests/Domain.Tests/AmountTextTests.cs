using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Payments.Domain.Requests;

namespace Payments.Domain.Tests;

public sealed class AmountTextTests
{
    private static IReadOnlyList<FieldError> Validate(string amountText, string currency = "USD") =>
        PaymentRequestValidator.Validate(new PaymentRequest(null, currency, "acct-src", "acct-dst") { AmountText = amountText }, out _);

    [Theory]
    [InlineData("1e3", "not_plain_decimal")]
    [InlineData("1E3", "not_plain_decimal")]
    [InlineData("1.5e-2", "not_plain_decimal")]
    [InlineData("+10", "not_plain_decimal")]
    [InlineData("NaN", "not_plain_decimal")]
    [InlineData("Infinity", "not_plain_decimal")]
    [InlineData("-Infinity", "not_plain_decimal")]
    [InlineData("010", "not_plain_decimal")]
    [InlineData(".5", "not_plain_decimal")]
    [InlineData("10.", "not_plain_decimal")]
    [InlineData(" 10", "not_plain_decimal")]
    [InlineData("10 ", "not_plain_decimal")]
    [InlineData("1,000", "not_plain_decimal")]
    [InlineData("1_000", "not_plain_decimal")]
    [InlineData("0x10", "not_plain_decimal")]
    [InlineData("١٠", "not_plain_decimal")]
    [InlineData("10.5.1", "not_plain_decimal")]
    [InlineData("--1", "not_plain_decimal")]
    [InlineData("-", "not_plain_decimal")]
    [InlineData("", "not_plain_decimal")]
    [InlineData("1.00000000000000000000000000001", "too_many_digits")]
    [InlineData("12345678901234567890123456789", "too_many_digits")]
    [InlineData("79228162514264337593543950336", "too_many_digits")]
    [InlineData("0.00000000000000000000000000001", "too_precise")]
    [InlineData("10.001", "too_precise")]
    [InlineData("10000000.01", "too_large")]
    [InlineData("0", "not_positive")]
    [InlineData("0.00", "not_positive")]
    [InlineData("-0", "not_positive")]
    [InlineData("-1", "not_positive")]
    public void Amount_text_is_refused_on_its_digits_before_any_rounding(string text, string code)
    {
        Assert.Contains(Validate(text), e => e.Field == "amount" && e.Code == code && e.Message.Length > 0);
    }

    [Fact]
    public void Huge_number_is_refused_not_parsed()
    {
        Assert.Contains(Validate("9" + new string('0', 5000)), e => e is { Field: "amount", Code: "too_many_digits" });
    }

    [Fact]
    public void Fraction_digits_beyond_the_currency_are_refused_for_jpy()
    {
        Assert.Contains(Validate("1.5", "JPY"), e => e is { Field: "amount", Code: "too_precise" });
    }

    [Theory]
    [InlineData("10.50", "USD", "10.50")]
    [InlineData("10.5", "USD", "10.5")]
    [InlineData("0.01", "USD", "0.01")]
    [InlineData("1500", "JPY", "1500")]
    [InlineData("10000000", "USD", "10000000")]
    [InlineData("10.500000000000000000000000000000000000", "USD", "10.5")]
    public void Plain_amount_text_is_read_exactly(string text, string currency, string expected)
    {
        Assert.Empty(PaymentRequestValidator.Validate(new PaymentRequest(null, currency, "acct-src", "acct-dst") { AmountText = text }, out var valid));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), valid!.Amount);
    }

    [Fact]
    public void Amount_given_both_as_text_and_as_decimal_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => PaymentRequestValidator.Validate(new PaymentRequest(1m, "USD", "a", "b") { AmountText = "1" }, out _));
    }

    /// <summary>Whatever digits arrive, an accepted amount is exactly the number written: never a rounded neighbour.</summary>
    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Accepted_text_is_exactly_the_parsed_amount() =>
        Prop.ForAll(Arb.From(Digits(0, 34)), Arb.From(Digits(0, 34)), (whole, fraction) =>
        {
            var text = (whole.Length == 0 ? "0" : "1" + whole) + (fraction.Length == 0 ? "" : "." + fraction);
            if (AmountText.Parse(text, out var amount) is not null)
            {
                return SignificantDigits(text) > AmountText.MaxSignificantDigits || fraction.TrimEnd('0').Length > AmountText.MaxSignificantDigits;
            }

            return Canonical(amount.ToString(CultureInfo.InvariantCulture)) == Canonical(text);
        });

    private static Gen<string> Digits(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.Elements('0', '1', '5', '9').ListOf(n)).Select(c => new string([.. c]));

    private static int SignificantDigits(string text) => Canonical(text).Replace(".", "", StringComparison.Ordinal).TrimStart('0').Length;

    private static string Canonical(string text) => text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
}
