namespace Payments.Functions.Cli.Export;

/// <summary>RFC 4180 fields, and text that a spreadsheet would not run as a formula.</summary>
internal static class CsvText
{
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    /// <summary>Characters that make Excel, LibreOffice and Sheets read a cell as a formula (OWASP's list).</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>A field quoted when it holds a comma, quote or line break, its quotes doubled; as is otherwise.</summary>
    public static string Field(string? value) =>
        value is null ? "" : value.IndexOfAny(NeedsQuotes) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>
    /// Free text (provider reasons, ids someone else chose) with a leading single quote when it would start a formula:
    /// spreadsheets show the text instead of evaluating it. Numbers never pass through here.
    /// </summary>
    public static string? Inert(string? text) =>
        text is { Length: > 0 } && FormulaStarts.Contains(text[0]) ? "'" + text : text;

    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";
}
