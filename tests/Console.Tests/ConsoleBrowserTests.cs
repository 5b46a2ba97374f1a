using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Payments.Application.Ramps.Sandbox;
using Payments.Domain.Ramps;

namespace Payments.Console.Tests;

/// <summary>The console in a real browser (Debian's Chromium through Playwright), with axe-core on every page visited.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleBrowserTests(ConsoleHost host)
{
    [Fact]
    public async Task Operator_watches_a_new_payment_reach_completed_and_reads_its_timeline()
    {
        var id = await host.Pay(ConsoleHost.AcmeKey, 42.50m);
        var page = await host.SignedIn(ConsoleHost.OperatorKey);

        await page.GotoAsync("/console/payments?client_id=acme");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = id.ToString() })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolations(page);
        await ConsoleHost.Screenshot(page, "payments-search");

        await page.GetByRole(AriaRole.Link, new() { Name = id.ToString() }).ClickAsync();
        await UntilAfterReload(page, () => page.Locator("#payment-status").TextContentAsync(), "COMPLETED");
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "Timeline", Exact = true });
        await Assertions.Expect(timeline).ToContainTextAsync("PaymentRequested");
        await Assertions.Expect(timeline).ToContainTextAsync("OnRampCompleted");
        await Assertions.Expect(timeline).ToContainTextAsync("PaymentCompleted");
        await Assertions.Expect(timeline).ToContainTextAsync("client:acme");
        await Assertions.Expect(page.Locator("#chain-verdict")).ToContainTextAsync("intact");
        await Accessibility.AssertNoSeriousViolations(page);
        await ConsoleHost.Screenshot(page, "payment-timeline");

        var phone = await host.SignedIn(ConsoleHost.AuditorKey, "phone");
        await phone.GotoAsync($"/console/payments/{id}");
        await Assertions.Expect(phone.GetByText("signature verifies")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolations(phone);
        await ConsoleHost.Screenshot(phone, "payment-auditor-phone");
    }

    [Fact]
    public async Task A_failed_webhook_shows_on_attention_and_is_redelivered_from_the_console()
    {
        const string path = "/console-hook";
        await host.Receiver.Script(path, 500);
        await Register(path);
        var id = await host.Pay(ConsoleHost.AcmeKey, 10m);
        await host.AwaitTerminal(ConsoleHost.AcmeKey, id);

        var page = await host.SignedIn(ConsoleHost.OperatorKey);
        await page.GotoAsync($"/console/payments/{id}");
        await UntilAfterReload(page, () => page.Locator(".delivery-state").First.TextContentAsync(), "failed");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Attempts of delivery") }).First).ToContainTextAsync("500");
        await ConsoleHost.Screenshot(page, "webhook-failed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Attention" }).ClickAsync();
        var deadWebhooks = page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Dead-lettered webhooks \\([1-9]") });
        await Assertions.Expect(deadWebhooks).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolations(page);
        await ConsoleHost.Screenshot(page, "attention");

        await host.Receiver.Script(path, 200);
        await page.Locator("section", new() { Has = deadWebhooks }).GetByRole(AriaRole.Button, new() { Name = "Redeliver" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Redelivery queued");

        await page.GotoAsync($"/console/payments/{id}");
        await UntilAfterReload(page, () => page.Locator(".delivery-state").First.TextContentAsync(), "delivered");
        await ConsoleHost.Screenshot(page, "webhook-redelivered");
        Assert.NotEmpty(await host.Receiver.WaitFor(path, 3, TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Finance_sees_a_seeded_anomaly_first_on_reconciliation_and_exports_it_as_csv()
    {
        await host.Ramps.Record(
            new RampTransaction(RampRequestKey.For(Guid.CreateVersion7(), RampLeg.OffRamp).Value, RampLeg.OffRamp, "ofr_console_stray", 12.34m, 0.92592593m, null, "EUR", DateTimeOffset.UtcNow),
            CancellationToken.None);
        var page = await host.SignedIn(ConsoleHost.FinanceKey);
        Assert.EndsWith("/console/reconciliation", page.Url, StringComparison.Ordinal);

        var anomalies = page.GetByRole(AriaRole.Region, new() { Name = "Anomalies", Exact = true });
        await Assertions.Expect(anomalies).ToContainTextAsync("missing_in_ledger");
        await Assertions.Expect(anomalies).ToContainTextAsync("ofr_console_stray");
        await Accessibility.AssertNoSeriousViolations(page);
        await ConsoleHost.Screenshot(page, "reconciliation");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export as CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("kind,payment_id,leg,request_key,transaction_id,", csv, StringComparison.Ordinal);
        Assert.Contains("missing_in_ledger", csv, StringComparison.Ordinal);
        Assert.Contains("ofr_console_stray", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_with_a_wrong_key_is_refused()
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/payments");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));
        await page.GetByLabel("API key").FillAsync("not_a_key_0123456789");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not accepted");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "payments_console");
        await Accessibility.AssertNoSeriousViolations(page);
        await ConsoleHost.Screenshot(page, "sign-in-refused");
    }

    [Fact]
    public async Task A_client_key_cannot_open_another_clients_payment()
    {
        var others = await host.Pay(ConsoleHost.OtherKey, 7m);
        var page = await host.SignedIn(ConsoleHost.AcmeKey);

        var response = await page.GotoAsync($"/console/payments/{others}");
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        Assert.DoesNotContain("7.00 EUR", await page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Attention" })).ToHaveCountAsync(0);
        await ConsoleHost.Screenshot(page, "other-clients-payment");

        await page.GotoAsync("/console/attention");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not for this key" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Live_page_refreshes_its_charts_without_a_full_reload()
    {
        var page = await host.SignedIn(ConsoleHost.OperatorKey);
        await page.GotoAsync("/console/live");
        await page.EvaluateAsync("() => { window.sameDocument = true; }");
        var before = await page.Locator("#live-figures .muted").TextContentAsync();

        await Assertions.Expect(page.Locator("#live-figures .muted")).Not.ToHaveTextAsync(before!, new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        await Assertions.Expect(page.Locator("#live-figures svg").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolations(page);
        await ConsoleHost.Screenshot(page, "live");
    }

    private async Task Register(string path)
    {
        using var api = host.Api(ConsoleHost.AcmeKey);
        using var content = new StringContent($$"""{"url":"{{host.Receiver.Url(path)}}","event_types":["payment.completed"]}""", Encoding.UTF8, "application/json");
        using var response = await api.PostAsync("/webhook-endpoints", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        await host.Receiver.SetSecrets(body.RootElement.GetProperty("secret").GetString()!);
    }

    /// <summary>The Payment page is not live: reload it until <paramref name="read"/> shows <paramref name="expected"/> (a bound, not a sleep).</summary>
    private static async Task UntilAfterReload(IPage page, Func<Task<string?>> read, string expected)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            if ((await read())?.Trim() == expected)
            {
                return;
            }

            await Task.Delay(250);
            await page.ReloadAsync();
        }

        Assert.Fail($"{page.Url} never showed {expected}");
    }
}
