using System.CommandLine;
using Payments.Embedded;
using Payments.Embedded.EventStore;
using Payments.Functions.Hosting;

namespace Payments.Functions.Cli;

/// <summary>The `--data-dir` option the embedded commands share: --data-dir, else PAYMENTS_DATA_DIR, else ./data.</summary>
internal static class DataDirectory
{
    public static Option<string> CreateOption() => new("--data-dir")
    {
        Description = "Directory holding the embedded SQLite files (PAYMENTS_DATA_DIR; default ./data)",
    };

    /// <summary>The directory a command works on: the option when given, else the configured one.</summary>
    public static string Resolve(string? given) =>
        given ?? (PaymentsConfiguration.Build([])["DATA_DIR"] is { Length: > 0 } configured ? configured : new ServeOptions().DataDirectory);

    /// <summary>
    /// The embedded event log opened read-only, or null after telling the user, on <paramref name="error"/>, that there
    /// is nothing to <paramref name="verb"/> there (nothing is created).
    /// </summary>
    public static async Task<SqliteEventLogReader?> OpenEventLog(string dataDir, string verb, TextWriter error)
    {
        try
        {
            return SqliteEventLogReader.Open(new DataDirectoryLayout(dataDir).Events);
        }
        catch (FileNotFoundException e)
        {
            await error.WriteLineAsync($"{e.Message} Nothing to {verb}; is --data-dir the directory `serve` uses?");
            return null;
        }
    }
}
