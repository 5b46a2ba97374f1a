namespace Payments.Functions.Cli.Export;

/// <summary>
/// What `export` was asked for, checked before the log is opened: the window [<see cref="From"/>, <see cref="To"/>)
/// of recorded times, the format, and the file to write (standard output when null).
/// </summary>
internal sealed record ExportRequest(DateTimeOffset From, DateTimeOffset To, ExportFormat Format, string? Out)
{
    /// <summary>The request, or why the arguments do not make one.</summary>
    public static (ExportRequest? Request, string? Error) Parse(string? from, string? to, string? format, string? output)
    {
        if (!Rfc3339.TryParse(from, out var start))
        {
            return (null, $"--from must be an RFC 3339 time with an offset, such as 2026-03-01T00:00:00Z (got '{from}').");
        }

        if (!Rfc3339.TryParse(to, out var end))
        {
            return (null, $"--to must be an RFC 3339 time with an offset, such as 2026-04-01T00:00:00Z (got '{to}').");
        }

        if (end < start)
        {
            return (null, $"--to {to} is before --from {from}.");
        }

        ExportFormat? kind = format?.ToUpperInvariant() switch
        {
            "NDJSON" => ExportFormat.Ndjson,
            "CSV" => ExportFormat.Csv,
            _ => null,
        };
        if (kind is null)
        {
            return (null, $"--format must be ndjson or csv (got '{format}').");
        }

        if (output is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(output))))
        {
            return (null, $"--out {output}: the directory does not exist.");
        }

        return (new ExportRequest(start, end, kind.Value, output), null);
    }
}
