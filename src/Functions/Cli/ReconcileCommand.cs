using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Payments.Application.Ramps.Sandbox;
using Payments.Application.Reconciliation;
using Payments.Embedded;
using Payments.Embedded.EventStore;
using Payments.Embedded.Projections;
using Payments.Embedded.Ramps;

namespace Payments.Functions.Cli;

/// <summary>
/// `reconcile --from --to`: finance's check of the embedded ledger against the mock providers' settlement statements.
/// Every file is opened read-only, so it is safe beside a running `serve`. Exit 0 when clean, 1 when anomalies exist,
/// 2 when the input is bad or there is nothing to reconcile.
/// </summary>
internal static class ReconcileCommand
{
    public const int Anomalies = 1;
    public const int BadInput = 2;

    public static Command Create()
    {
        var dataDir = DataDirectory.CreateOption();
        var from = new Option<string>("--from") { Description = "Start of the period, inclusive (RFC 3339, e.g. 2025-01-31T00:00:00Z)" };
        var to = new Option<string>("--to") { Description = "End of the period, exclusive (RFC 3339)" };
        var stuckAfter = new Option<string>("--stuck-after") { Description = "A payment PROCESSING this long is stuck (hh:mm:ss)", DefaultValueFactory = _ => "00:15:00" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON for tools" };

        // Every value is checked here rather than by the parser, so every bad input exits 2, not the parser's 1.
        var command = new Command("reconcile", "Match ledger legs to the providers' settlement statements for [from, to); exit 1 on any anomaly")
        {
            from, to, stuckAfter, json, dataDir,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => parse.UnmatchedTokens.Count > 0
            ? Refuse($"Unexpected argument {parse.UnmatchedTokens[0]}.")
            : Run(parse.GetValue(from), parse.GetValue(to), parse.GetValue(stuckAfter), parse.GetValue(json), DataDirectory.Resolve(parse.GetValue(dataDir)), ct));
        return command;
    }

    private static async Task<int> Run(string? from, string? to, string? stuckAfter, bool json, string dataDir, CancellationToken cancellationToken)
    {
        if (!ReconciliationPeriod.TryParse(from, to, out var period, out var errors))
        {
            return await Refuse(string.Join(Environment.NewLine, errors.Select(e => $"--{e.Field}: {e.Message}")));
        }

        if (!TimeSpan.TryParseExact(stuckAfter, "c", CultureInfo.InvariantCulture, out var stuck) || stuck <= TimeSpan.Zero)
        {
            return await Refuse("--stuck-after must be a positive duration such as 00:15:00.");
        }

        var files = new DataDirectoryLayout(dataDir);
        RampTransactionLog ramps;
        PaymentReconciler reconciler;
        try
        {
            var events = SqliteEventLogReader.Open(files.Events);
            var requested = SqlitePaymentReadModel.OpenReadOnly(files.ReadModel);
            ramps = RampTransactionLog.OpenReadOnly(files.Ramps, TimeProvider.System);
            var statements = new MockRampProvider(ramps, new MockRampOptions(), TimeProvider.System);
            reconciler = new PaymentReconciler(events, requested, statements, new ReconciliationOptions { StuckAfter = stuck }, TimeProvider.System);
        }
        catch (FileNotFoundException e)
        {
            return await Refuse($"{e.Message} Nothing to reconcile; is --data-dir the directory `serve` uses?");
        }

        await using (ramps)
        {
            var report = await reconciler.Reconcile(period!, cancellationToken);
            await Console.Out.WriteLineAsync(json ? JsonSerializer.Serialize(report, ReconciliationJsonContext.Default.ReconciliationReport) : ReconciliationText.Render(report));
            return report.Clean ? 0 : Anomalies;
        }
    }

    private static async Task<int> Refuse(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return BadInput;
    }
}
