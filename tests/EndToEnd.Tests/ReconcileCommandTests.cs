using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Payments.Application.Ramps.Sandbox;
using Payments.Domain.Ramps;
using Payments.Embedded;
using Payments.Embedded.Ramps;

namespace Payments.EndToEnd.Tests;

/// <summary>
/// `reconcile` as finance runs it: the real executable over a data directory that the embedded host filled by
/// processing payments, clean first, then with an outcome that was never resolved and an execution the ledger never saw.
/// </summary>
public sealed class ReconcileCommandTests
{
    [Fact]
    public async Task Reconcile_of_a_real_data_directory_is_clean_then_reports_an_unresolved_outcome_and_a_stray_execution_once_each()
    {
        var directory = EmbeddedHost.NewDataDirectory();
        try
        {
            var from = Rfc3339(DateTimeOffset.UtcNow.AddMinutes(-1));
            var settled = await ProcessPayments(directory, [(250.00m, "EUR"), (80.00m, "GBP"), (1000m, "JPY"), (19.99m, "EUR")]);

            var clean = await Reconcile(directory, "--from", from, "--to", Rfc3339(DateTimeOffset.UtcNow.AddMinutes(1)));

            Assert.Equal(0, clean.Exit);
            Assert.Contains("4 payments requested, 8 statement lines executed, 8 legs matched", clean.Output, StringComparison.Ordinal);
            Assert.Contains($"{"GBP",-9}{"1 / 80.00",-22}{"1 / 80.00",-22}{"0 / 0.00",-22}0 / 0.00\n", clean.Output, StringComparison.Ordinal);
            Assert.Contains($"{"JPY",-9}{"1 / 1000",-22}{"1 / 1000",-22}{"0 / 0",-22}0 / 0\n", clean.Output, StringComparison.Ordinal);
            Assert.EndsWith("no anomalies", clean.Output.TrimEnd(), StringComparison.Ordinal);

            var unresolved = await LeaveOnRampUnresolved(directory);
            var stray = Guid.CreateVersion7();
            await using (var ramps = RampTransactionLog.Open(new DataDirectoryLayout(directory).Ramps, TimeProvider.System))
            {
                await ramps.Record(
                    new RampTransaction(RampRequestKey.For(stray, RampLeg.OffRamp).Value, RampLeg.OffRamp, "ofr_stray", 12.34m, 0.92592593m, null, "EUR", DateTimeOffset.UtcNow),
                    CancellationToken.None);
            }

            string[] period = ["--from", from, "--to", Rfc3339(DateTimeOffset.UtcNow.AddMinutes(1)), "--stuck-after", "00:00:01"];
            var text = await Reconcile(directory, period);
            var json = await Reconcile(directory, [.. period, "--json"]);

            Assert.Equal((1, 1), (text.Exit, json.Exit));
            Assert.Contains("3 anomalies", text.Output, StringComparison.Ordinal);
            using var report = JsonDocument.Parse(json.Output);
            var anomalies = report.RootElement.GetProperty("anomalies").EnumerateArray()
                .Select(a => (a.GetProperty("kind").GetString(), a.GetProperty("payment_id").GetGuid(), a.GetProperty("leg").GetString()))
                .ToList();
            Assert.Equal(
                [("missing_in_ledger", unresolved, "on_ramp"), ("missing_in_ledger", stray, "off_ramp"), ("stuck_processing", unresolved, null)],
                anomalies.OrderBy(a => a.Item1, StringComparer.Ordinal).ThenBy(a => a.Item2 == stray));
            Assert.Equal(5, report.RootElement.GetProperty("payments").GetInt32());
            Assert.DoesNotContain(report.RootElement.GetProperty("anomalies").EnumerateArray(), a => settled.Contains(a.GetProperty("payment_id").GetGuid()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Runs the payments through the embedded host until the read model shows each terminal, then stops it, keeping its files.</summary>
    private static async Task<List<Guid>> ProcessPayments(string directory, (decimal Amount, string Currency)[] payments)
    {
        var host = await EmbeddedHost.Start(0, dataDirectory: directory);
        var ids = new List<Guid>();
        foreach (var (amount, currency) in payments)
        {
            ids.Add(await host.Pay(amount, currency));
        }

        foreach (var id in ids)
        {
            Assert.Equal("COMPLETED", (await host.AwaitTerminal(id)).GetProperty("status").GetString());
        }

        await Listed(host, "?status=COMPLETED&limit=100", ids);
        await host.Stop();
        return ids;
    }

    /// <summary>
    /// A payment whose on-ramp executed but never answered, and whose status lookups all fail: the ledger holds the leg
    /// as an unknown outcome while the provider's log holds the transaction.
    /// </summary>
    private static async Task<Guid> LeaveOnRampUnresolved(string directory)
    {
        var script = new RampFaultScript()
            .OnCalls(RampLeg.OnRamp, RampFault.ExecutedThenTimeout, RampFault.ExecutedThenTimeout, RampFault.ExecutedThenTimeout)
            .OnLookups(RampLeg.OnRamp, Enumerable.Repeat(RampFault.LookupUnavailable, 10_000).ToArray());
        var host = await EmbeddedHost.Start(0, dataDirectory: directory, overrides: (services, _) => services.AddSingleton(script));
        var id = await host.Pay(40.00m, "EUR");
        var paid = Stopwatch.StartNew();
        await Listed(host, "?attention=true&limit=100", [id]);
        await host.Stop();

        // The payment must have been processing longer than --stuck-after 00:00:01 when reconcile looks.
        await Task.Delay(TimeSpan.FromSeconds(2) - paid.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
        return id;
    }

    private static async Task Listed(EmbeddedHost host, string query, IReadOnlyCollection<Guid> ids)
    {
        for (var poll = 0; poll < 600; poll++)
        {
            using var response = await host.Client.GetAsync("/payments" + query);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var listed = body.RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("payment_id").GetGuid()).ToHashSet();
            if (ids.All(listed.Contains))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The read model never listed {string.Join(", ", ids)} for {query}.");
    }

    private static async Task<(int Exit, string Output)> Reconcile(string directory, params string[] arguments)
    {
        var start = ServeProcess.Payments(["reconcile", "--data-dir", directory, .. arguments]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal("", await error);
        return (process.ExitCode, await output);
    }

    private static string Rfc3339(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
}
