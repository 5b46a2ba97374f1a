using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Payments.Bench;

/// <summary>The --out option every load command takes: its report as JSON, for the closing note's figures.</summary>
internal static class BenchOutput
{
    public static Option<string?> Option() => new("--out") { Description = "Also write the report as JSON to this file" };

    public static void Write<T>(string? path, T report, JsonTypeInfo<T> type)
    {
        if (path is null)
        {
            return;
        }

        using var file = File.Create(path);
        JsonSerializer.Serialize(file, report, type);
        Console.Error.WriteLine($"wrote {path}");
    }
}
