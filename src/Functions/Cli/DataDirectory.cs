using System.CommandLine;

namespace Payments.Functions.Cli;

/// <summary>The `--data-dir` option every embedded command shares: --data-dir, else PAYMENTS_DATA_DIR, else ./data.</summary>
internal static class DataDirectory
{
    public static Option<string> CreateOption() => new("--data-dir")
    {
        Description = "Directory holding the embedded SQLite files (default: $PAYMENTS_DATA_DIR or ./data)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PAYMENTS_DATA_DIR") is { Length: > 0 } fromEnv ? fromEnv : "./data",
    };
}
