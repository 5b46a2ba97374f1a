namespace Payments.Functions.Cli.Export;

/// <summary>How `export` writes events: JSON Lines for tools, CSV with fixed money columns for spreadsheets.</summary>
internal enum ExportFormat
{
    Ndjson,
    Csv,
}
