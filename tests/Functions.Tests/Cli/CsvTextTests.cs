using FsCheck;
using FsCheck.Fluent;
using Payments.Functions.Cli.Export;

namespace Payments.Functions.Tests.Cli;

public sealed class CsvTextTests
{
    private static readonly Gen<string> AwkwardText =
        Gen.ListOf(Gen.Elements('a', 'Z', '7', ' ', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', '\'', 'é', ';'))
            .Select(chars => new string([.. chars]));

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Any_fields_read_back_as_written_through_an_rfc4180_reader() =>
        Prop.ForAll(Arb.From(Gen.ListOf(AwkwardText).Where(fields => fields.Count > 0)), fields =>
        {
            var record = Assert.Single(Rfc4180Reader.Records(CsvText.Line(fields)));
            return record.SequenceEqual(fields);
        });

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")")]
    [InlineData("+41 22 000", "'+41 22 000")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("refused: limit", "refused: limit")]
    [InlineData("", "")]
    public void Text_that_would_start_a_formula_gets_a_leading_quote_and_other_text_is_untouched(string text, string expected) =>
        Assert.Equal(expected, CsvText.Inert(text));

    [Fact]
    public void A_field_with_a_comma_quote_or_line_break_is_quoted_with_its_quotes_doubled()
    {
        Assert.Equal("plain,\"a,b\",\"say \"\"no\"\"\",\"two\nlines\",\"cr\rhere\"\r\n", CsvText.Line(["plain", "a,b", "say \"no\"", "two\nlines", "cr\rhere"]));
    }
}
