using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Payments.Functions.Api;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Cli;

/// <summary>
/// `webhooks redeliver|recover`: the replay endpoints of any deployment (a `serve` or the cloud HTTP API) from a shell,
/// for an operator acting for a client. Prints the API's answer; exit 0 only when it queued the work (202).
/// </summary>
internal static class WebhooksCommand
{
    public static Command Create() =>
        new("webhooks", "Send webhooks again through a deployment's API") { RedeliverCommand(), RecoverCommand() };

    public static async Task<int> Redeliver(Uri baseAddress, string key, string deliveryId, TextWriter output, CancellationToken cancellationToken)
    {
        using var http = Client(baseAddress, key);
        using var response = await http.PostAsync(new Uri($"webhook-deliveries/{Uri.EscapeDataString(deliveryId)}/redeliver", UriKind.Relative), null, cancellationToken);
        return await Report(response, output, cancellationToken);
    }

    public static async Task<int> Recover(
        Uri baseAddress, string key, string endpointId, DateTimeOffset since, DateTimeOffset? until, TextWriter output, CancellationToken cancellationToken)
    {
        using var http = Client(baseAddress, key);
        var body = JsonSerializer.Serialize(new RecoverWebhooksBody(since, until), ApiJsonContext.Default.RecoverWebhooksBody);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"webhook-endpoints/{Uri.EscapeDataString(endpointId)}/recover", UriKind.Relative), content, cancellationToken);
        return await Report(response, output, cancellationToken);
    }

    private static Command RedeliverCommand()
    {
        var (url, key) = Connection();
        var deliveryId = new Argument<string>("DELIVERY_ID") { Description = "The delivery to send again (an id from GET /payments/{id}/deliveries)" };
        var command = new Command("redeliver", "Send one webhook delivery again, with the same webhook-id") { deliveryId, url, key };
        command.SetAction((parse, ct) => Redeliver(parse.GetValue(url)!, parse.GetValue(key)!, parse.GetValue(deliveryId)!, Console.Out, ct));
        return command;
    }

    private static Command RecoverCommand()
    {
        var (url, key) = Connection();
        var endpointId = new Argument<string>("ENDPOINT_ID") { Description = "The webhook endpoint whose missed messages to send again" };
        var since = new Option<DateTimeOffset>("--since") { Description = "Start of the window (RFC 3339)", Required = true };
        var until = new Option<DateTimeOffset?>("--until") { Description = "End of the window (RFC 3339); now when left out" };
        var command = new Command("recover", "Queue a job that sends an endpoint's undelivered messages of a window again") { endpointId, since, until, url, key };
        command.SetAction((parse, ct) => Recover(parse.GetValue(url)!, parse.GetValue(key)!, parse.GetValue(endpointId)!, parse.GetValue(since), parse.GetValue(until), Console.Out, ct));
        return command;
    }

    private static (Option<Uri> Url, Option<string> Key) Connection() =>
        (new Option<Uri>("--url") { Description = "Base address of the deployment", Required = true },
         new Option<string>("--key") { Description = "The API key of the client that owns the webhook endpoint", Required = true });

    private static HttpClient Client(Uri baseAddress, string key)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static async Task<int> Report(HttpResponseMessage response, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"{(int)response.StatusCode} {response.StatusCode}");
        await output.WriteLineAsync(await response.Content.ReadAsStringAsync(cancellationToken));
        return response.StatusCode == HttpStatusCode.Accepted ? 0 : 1;
    }
}
