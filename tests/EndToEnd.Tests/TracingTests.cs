using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Payments.Application.Webhooks;
using Payments.Application.Worker;
using Payments.EventStore.Telemetry;
using Payments.Functions.Hosting.Telemetry;
using Payments.TestServices;
using Xunit.Abstractions;

namespace Payments.EndToEnd.Tests;

/// <summary>Spans of a real `serve` composition, caught by OpenTelemetry's in-memory exporter.</summary>
public sealed class TracingTests(WebhookReceiver receiver, ITestOutputHelper output) : IClassFixture<WebhookReceiver>
{
    [Fact]
    public async Task One_payment_is_one_trace_from_the_api_request_through_both_legs_to_the_webhook_send()
    {
        var spans = new List<Activity>();
        await using var host = await EmbeddedHost.Start(rampFailureRate: 0, overrides: (services, _) =>
            services.AddOpenTelemetry().WithTracing(tracing => PaymentsTelemetry.Instrument(tracing).AddInMemoryExporter(spans)));
        var path = "/traced/" + Guid.NewGuid().ToString("N");
        await Register(host, path);

        var id = await host.Pay(42.00m, "EUR");
        Assert.Equal("COMPLETED", (await host.AwaitTerminal(id)).GetProperty("status").GetString());
        await receiver.WaitFor(path, 1, TimeSpan.FromSeconds(30));
        var trace = await TraceOf(spans, id);

        // The test's own HttpClient is traced too, so the trace starts at its POST; the API's request span is its only child.
        var root = Assert.Single(trace, s => s.ParentSpanId == default);
        var request = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        Assert.Equal("POST /payments/", request.DisplayName);
        Assert.Equal(root.SpanId, request.ParentSpanId);
        Assert.All(trace.Where(s => s != root && s != request), s => Assert.True(Descends(s, request, trace), $"{s.DisplayName} is outside the request's tree"));
        var names = trace.Select(s => s.DisplayName).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                EventStoreTelemetry.AppendSpan, PaymentTracing.JobSpan, PaymentTracing.LegSpan(Domain.Ramps.RampLeg.OnRamp),
                PaymentTracing.LegSpan(Domain.Ramps.RampLeg.OffRamp), WebhookTelemetry.FanOutSpan, WebhookTelemetry.SendSpan,
            },
            names);
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && trace.Any(p => p.SpanId == s.ParentSpanId && p.DisplayName == WebhookTelemetry.SendSpan));
        Assert.All(trace.Where(s => s.DisplayName == EventStoreTelemetry.AppendSpan), s => Assert.True((int)s.GetTagItem(EventStoreTelemetry.BatchSizeTag)! >= 1));
        output.WriteLine(Describe(trace));
    }

    /// <summary>The spans of the payment's trace, once the webhook send has ended; bounded so a broken chain fails.</summary>
    private static async Task<List<Activity>> TraceOf(List<Activity> spans, Guid paymentId)
    {
        for (var poll = 0; poll < 100; poll++)
        {
            var seen = Snapshot(spans);
            var job = seen.FirstOrDefault(s => s.DisplayName == PaymentTracing.JobSpan && (string?)s.GetTagItem("payments.payment_id") == paymentId.ToString("D"));
            if (job is not null && seen.Any(s => s.TraceId == job.TraceId && s.DisplayName == WebhookTelemetry.SendSpan))
            {
                await Task.Delay(200);
                return [.. Snapshot(spans).Where(s => s.TraceId == job.TraceId).OrderBy(s => s.StartTimeUtc)];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No job span of payment {paymentId} with a webhook send in its trace; spans seen: {string.Join(", ", Snapshot(spans).Select(s => s.DisplayName).Distinct())}");
    }

    /// <summary>The exporter appends under its own lock; a copy is what the test reads.</summary>
    private static Activity[] Snapshot(List<Activity> spans)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return [.. spans];
            }
            catch (InvalidOperationException) when (attempt < 10)
            {
                // Appended to while copying; copy again.
            }
        }
    }

    private static bool Descends(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var parent = span.ParentSpanId; parent != default; parent = trace.FirstOrDefault(s => s.SpanId == parent)?.ParentSpanId ?? default)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(List<Activity> trace)
    {
        var text = new StringBuilder($"trace {trace[0].TraceId}\n");
        var start = trace[0].StartTimeUtc;
        foreach (var span in trace)
        {
            var depth = 0;
            for (var parent = span.ParentSpanId; parent != default; depth++)
            {
                parent = trace.FirstOrDefault(s => s.SpanId == parent)?.ParentSpanId ?? default;
            }

            text.Append(CultureInfo.InvariantCulture, $"{new string(' ', 2 * depth)}{span.DisplayName} [{span.Kind}] +{(span.StartTimeUtc - start).TotalMilliseconds:F1} ms, {span.Duration.TotalMilliseconds:F1} ms\n");
        }

        return text.ToString();
    }

    private async Task Register(EmbeddedHost host, string path)
    {
        using var content = new StringContent($$"""{"url":"{{receiver.Url(path)}}","event_types":["payment.completed"]}""", Encoding.UTF8, "application/json");
        using var response = await host.Client.PostAsync("/webhook-endpoints", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
