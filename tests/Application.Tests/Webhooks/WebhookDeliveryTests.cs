using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Payments.Application.Webhooks;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Application.Webhooks.Queue;
using Payments.Application.Webhooks.Replay;
using Payments.TestServices;
using Xunit.Abstractions;

namespace Payments.Application.Tests.Webhooks;

/// <summary>Retries, dead letters, 410, Retry-After, throttling and replays, through the real queue and store to real loopback receivers.</summary>
public sealed class WebhookDeliveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Four_500s_then_200_is_delivered_once_on_attempt_5_with_growing_delays_and_one_webhook_id()
    {
        await using var rig = WebhookRig.Start();
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Status(200));
        foreach (var _ in Enumerable.Range(0, 4))
        {
            receiver.Script.Enqueue(RawHttpReceiver.Status(500));
        }

        var (endpoint, _) = await rig.Register("client-a", receiver);
        var message = await rig.Publish("client-a");

        await RunToTheEnd(rig, message, endpoint);

        var attempts = await rig.Attempts(message, endpoint);
        Report(attempts);
        Assert.Equal([500, 500, 500, 500, 200], attempts.Select(a => a.StatusCode));
        Assert.Equal([1, 2, 3, 4, 5], attempts.Select(a => a.Attempt));
        var delays = attempts.Take(4).Select(a => a.NextAttemptAt!.Value - a.At).ToList();
        Assert.True(delays.Zip(delays.Skip(1)).All(pair => pair.Second > pair.First), "each retry waits longer than the one before");
        Assert.Null(attempts[^1].NextAttemptAt);
        Assert.Equal(WebhookDeliveryState.Delivered, (await rig.Delivery(message, endpoint))!.State);
        Assert.Equal(5, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Contains($"webhook-id: {message.MessageId}\r\n", r, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Always_500_dead_letters_after_5_attempts_and_leaves_the_endpoint_enabled()
    {
        await using var rig = WebhookRig.Start();
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Status(500));
        var (endpoint, _) = await rig.Register("client-a", receiver);
        var message = await rig.Publish("client-a");

        await RunToTheEnd(rig, message, endpoint);

        Assert.Equal(5, (await rig.Attempts(message, endpoint)).Count);
        Assert.Equal(WebhookDeliveryState.Failed, (await rig.Delivery(message, endpoint))!.State);
        Assert.Single(await rig.Queue.ReadDeadLetters(CancellationToken.None));
        Assert.Equal(0, await rig.Queue.CountPending(CancellationToken.None));
        var stored = await rig.Store.Find("client-a", endpoint.EndpointId, CancellationToken.None);
        Assert.True(stored!.Enabled);
        Assert.NotNull(stored.FailingSince);
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_and_tells_the_clients_other_endpoints()
    {
        await using var rig = WebhookRig.Start();
        await using var gone = new RawHttpReceiver(RawHttpReceiver.Status(410));
        await using var other = new RawHttpReceiver(RawHttpReceiver.Status(200));
        var (endpoint, _) = await rig.Register("client-a", gone, WebhookEventTypes.PaymentCompleted);
        await rig.Register("client-a", other, WebhookEventTypes.EndpointDisabled);
        var message = await rig.Publish("client-a");

        await rig.Drain();

        var stored = await rig.Store.Find("client-a", endpoint.EndpointId, CancellationToken.None);
        Assert.False(stored!.Enabled);
        Assert.Equal(WebhookDisabledReasons.Gone, stored.DisabledReason);
        Assert.Single(await rig.Attempts(message, endpoint));
        Assert.Equal(WebhookDeliveryState.Failed, (await rig.Delivery(message, endpoint))!.State);
        var told = Assert.Single(other.Requests);
        Assert.Contains("\"type\":\"endpoint.disabled\"", told, StringComparison.Ordinal);
        Assert.Contains(endpoint.EndpointId, told, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"gone\"", told, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_with_retry_after_7_is_not_tried_again_for_7_seconds()
    {
        await using var rig = WebhookRig.Start();
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Status(200));
        receiver.Script.Enqueue(RawHttpReceiver.Status(429, "Retry-After: 7\r\n"));
        var (endpoint, _) = await rig.Register("client-a", receiver);
        var message = await rig.Publish("client-a");

        await rig.Drain();
        var first = Assert.Single(await rig.Attempts(message, endpoint));
        Assert.True(first.NextAttemptAt - first.At >= TimeSpan.FromSeconds(7));

        rig.Time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.Equal(0, await rig.Drain());
        rig.Time.Advance(first.NextAttemptAt!.Value - rig.Time.GetUtcNow());
        Assert.Equal(1, await rig.Drain());

        Assert.Equal([429, 200], (await rig.Attempts(message, endpoint)).Select(a => a.StatusCode));
    }

    [Fact]
    public async Task A_failing_endpoint_never_causes_a_repeat_to_one_that_succeeded()
    {
        await using var rig = WebhookRig.Start();
        await using var healthy = new RawHttpReceiver(RawHttpReceiver.Status(200));
        await using var failing = new RawHttpReceiver(RawHttpReceiver.Status(503));
        var (good, _) = await rig.Register("client-a", healthy);
        var (bad, _) = await rig.Register("client-a", failing);
        var message = await rig.Publish("client-a");

        await RunToTheEnd(rig, message, bad);

        Assert.Single(healthy.Requests);
        Assert.Equal(5, failing.Requests.Count);
        Assert.Equal(WebhookDeliveryState.Delivered, (await rig.Delivery(message, good))!.State);
    }

    [Fact]
    public async Task An_endpoint_failing_everything_for_5_days_is_disabled()
    {
        await using var rig = WebhookRig.Start();
        await using var failing = new RawHttpReceiver(RawHttpReceiver.Status(500));
        await using var other = new RawHttpReceiver(RawHttpReceiver.Status(200));
        var (endpoint, _) = await rig.Register("client-a", failing, WebhookEventTypes.PaymentCompleted);
        await rig.Register("client-a", other, WebhookEventTypes.EndpointDisabled);

        await rig.Publish("client-a");
        await rig.Drain();
        rig.Time.Advance(TimeSpan.FromDays(4));
        await rig.Publish("client-a");
        await rig.Drain();
        Assert.True((await rig.Store.Find("client-a", endpoint.EndpointId, CancellationToken.None))!.Enabled);

        rig.Time.Advance(TimeSpan.FromDays(1));
        await rig.Publish("client-a");
        await rig.Drain();

        var stored = await rig.Store.Find("client-a", endpoint.EndpointId, CancellationToken.None);
        Assert.False(stored!.Enabled);
        Assert.Equal(WebhookDisabledReasons.Failing, stored.DisabledReason);
        Assert.Contains("\"reason\":\"failing\"", Assert.Single(other.Requests), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_success_resets_the_failing_clock()
    {
        await using var rig = WebhookRig.Start();
        await using var flaky = new RawHttpReceiver(RawHttpReceiver.Status(500));
        var (endpoint, _) = await rig.Register("client-a", flaky);
        await rig.Publish("client-a");
        await rig.Drain();
        Assert.NotNull((await rig.Store.Find("client-a", endpoint.EndpointId, CancellationToken.None))!.FailingSince);

        flaky.Response = RawHttpReceiver.Status(204);
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        await rig.Drain();

        Assert.Null((await rig.Store.Find("client-a", endpoint.EndpointId, CancellationToken.None))!.FailingSince);
    }

    [Fact]
    public async Task A_throttled_endpoint_waits_without_using_attempts_while_others_are_sent()
    {
        await using var rig = WebhookRig.Start(new WebhookOptions { AllowInsecure = true, DeliveriesPerSecond = 1 });
        await using var busy = new RawHttpReceiver(RawHttpReceiver.Status(200));
        await using var quiet = new RawHttpReceiver(RawHttpReceiver.Status(200));
        var (slow, _) = await rig.Register("client-a", busy, WebhookEventTypes.PaymentCompleted);
        await rig.Register("client-a", quiet, WebhookEventTypes.PaymentFailed);
        var messages = new List<WebhookMessage>();
        for (var i = 0; i < 3; i++)
        {
            messages.Add(await rig.Publish("client-a"));
        }

        await rig.Publish("client-a", WebhookEventTypes.PaymentFailed);

        await rig.Drain();
        Assert.Single(busy.Requests);
        Assert.Single(quiet.Requests);
        foreach (var _ in Enumerable.Range(0, 2))
        {
            rig.Time.Advance(TimeSpan.FromSeconds(1));
            await rig.Drain();
        }

        Assert.Equal(3, busy.Requests.Count);
        foreach (var message in messages)
        {
            Assert.Equal(1, Assert.Single(await rig.Attempts(message, slow)).Attempt);
        }
    }

    [Fact]
    public async Task Two_copies_of_a_delivery_handled_at_once_send_once_and_the_other_waits()
    {
        await using var rig = WebhookRig.Start();
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Status(200), TimeSpan.FromMilliseconds(300));
        var (endpoint, _) = await rig.Register("client-a", receiver);
        var message = await rig.Publish("client-a");
        var deliveryId = WebhookIds.Delivery(message.MessageId, endpoint.EndpointId);

        var verdicts = await Task.WhenAll(rig.Sender.Attempt(deliveryId, CancellationToken.None), rig.Sender.Attempt(deliveryId, CancellationToken.None));

        Assert.Single(receiver.Requests);
        Assert.Single(verdicts.OfType<WebhookDisposition.Done>());
        Assert.Single(verdicts.OfType<WebhookDisposition.Defer>());
        Assert.Single(await rig.Attempts(message, endpoint));
    }

    [Fact]
    public async Task Redelivery_keeps_the_webhook_id_and_starts_a_new_round()
    {
        await using var rig = WebhookRig.Start();
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Status(200));
        var (endpoint, _) = await rig.Register("client-a", receiver);
        var message = await rig.Publish("client-a");
        await rig.Drain();

        var outcome = await rig.Replay.Redeliver("client-a", WebhookIds.Delivery(message.MessageId, endpoint.EndpointId), CancellationToken.None);
        Assert.IsType<ReplayOutcome.Queued>(outcome);
        await rig.Drain();

        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Contains($"webhook-id: {message.MessageId}\r\n", r, StringComparison.OrdinalIgnoreCase));
        Assert.Equal([1, 2], (await rig.Attempts(message, endpoint)).Select(a => a.Attempt));
        Assert.IsType<ReplayOutcome.NotFound>(await rig.Replay.Redeliver("client-b", WebhookIds.Delivery(message.MessageId, endpoint.EndpointId), CancellationToken.None));
    }

    [Fact]
    public async Task Recovery_resends_what_did_not_get_through_in_the_window_and_nothing_that_did()
    {
        await using var rig = WebhookRig.Start(new WebhookOptions { AllowInsecure = true, MaxAttempts = 1 });
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Status(200));
        var (endpoint, _) = await rig.Register("client-a", receiver);
        var since = rig.Time.GetUtcNow();
        var delivered = await rig.Publish("client-a");
        await rig.Drain();
        receiver.Response = RawHttpReceiver.Status(500);
        var lost = await rig.Publish("client-a");
        await rig.Drain();
        rig.Time.Advance(TimeSpan.FromHours(1));
        var outside = await rig.Publish("client-a");
        await rig.Drain();
        receiver.Response = RawHttpReceiver.Status(200);
        var before = receiver.Requests.Count;

        var outcome = await rig.Replay.Recover("client-a", endpoint.EndpointId, since, since + TimeSpan.FromMinutes(30), CancellationToken.None);
        Assert.IsType<ReplayOutcome.Queued>(outcome);
        await rig.Drain();

        var resent = Assert.Single(receiver.Requests.Skip(before));
        Assert.Contains($"webhook-id: {lost.MessageId}\r\n", resent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(WebhookDeliveryState.Delivered, (await rig.Delivery(lost, endpoint))!.State);
        Assert.Equal(WebhookDeliveryState.Failed, (await rig.Delivery(outside, endpoint))!.State);
        Assert.Single(await rig.Attempts(delivered, endpoint));
    }

    [Fact]
    public async Task After_a_rotation_both_secrets_sign_for_24_hours_then_only_the_new_one()
    {
        await using var rig = WebhookRig.Start();
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Status(200));
        var (endpoint, old) = await rig.Register("client-a", receiver);
        var rotated = Assert.IsType<EndpointOutcome.Saved>(await rig.Endpoints.RotateSecret("client-a", endpoint.EndpointId, CancellationToken.None));
        var fresh = rotated.Secret!;

        await rig.Publish("client-a");
        await rig.Drain();
        rig.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await rig.Publish("client-a");
        await rig.Drain();

        var requests = receiver.Requests.ToList();
        Assert.Equal([Sign(fresh, requests[0]), Sign(old, requests[0])], Signatures(requests[0]));
        Assert.Equal([Sign(fresh, requests[1])], Signatures(requests[1]));
    }

    [Fact]
    public async Task A_host_that_resolves_to_loopback_after_registration_is_refused_at_send_without_a_connection()
    {
        var dns = new ScriptedResolver().Map("hooks.example", "93.184.215.14");
        await using var rig = WebhookRig.Start(new WebhookOptions(), dns);
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Status(200));
        var (endpoint, _) = await rig.Register("client-a", new Uri($"https://hooks.example:{receiver.Port}/hook"));

        dns.Map("hooks.example", "127.0.0.1");
        var message = await rig.Publish("client-a");
        await rig.Drain();

        var attempt = Assert.Single(await rig.Attempts(message, endpoint));
        Assert.Null(attempt.StatusCode);
        Assert.StartsWith("refused: 127.0.0.1 is a loopback address", attempt.Error, StringComparison.Ordinal);
        Assert.NotNull(attempt.NextAttemptAt);
        Assert.Equal(0, receiver.Connections);
    }

    [Fact]
    public async Task The_reference_verifier_refuses_a_webhook_whose_timestamp_is_more_than_5_minutes_old()
    {
        await using var rig = WebhookRig.Start();
        await using var verifier = new WebhookReceiver();
        await verifier.InitializeAsync();
        var (_, secret) = await rig.Register("client-a", verifier.Url("/stale"));
        await verifier.SetSecrets(secret);
        rig.Time.SetUtcNow(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(6));

        await rig.Publish("client-a");
        await rig.Drain();

        var received = Assert.Single(await verifier.Received("/stale"));
        Assert.False(received.Verified);
        Assert.Contains("timestamp", Assert.Single(received.Verifications), StringComparison.OrdinalIgnoreCase);
        await verifier.DisposeAsync();
    }

    [Fact]
    public async Task Secrets_are_never_stored_in_clear()
    {
        await using var rig = WebhookRig.Start();
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Status(200));
        var (_, secret) = await rig.Register("client-a", receiver);
        await rig.Store.DisposeAsync();

        foreach (var file in Directory.EnumerateFiles(rig.Ledger.Directory.Path, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0, $"{file} holds the secret");
            Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret["whsec_".Length..])) >= 0, $"{file} holds the secret's key");
        }
    }

    /// <summary>Drains, jumping the clock to each next attempt, until the delivery is settled.</summary>
    private static async Task RunToTheEnd(WebhookRig rig, WebhookMessage message, WebhookEndpoint endpoint)
    {
        for (var round = 0; round < 20; round++)
        {
            await rig.Drain();
            var delivery = await rig.Delivery(message, endpoint);
            if (delivery is not { State: WebhookDeliveryState.Pending, NextAttemptAt: { } next })
            {
                return;
            }

            rig.Time.Advance(next - rig.Time.GetUtcNow());
        }

        Assert.Fail("the delivery never settled");
    }

    private void Report(IEnumerable<WebhookAttempt> attempts)
    {
        foreach (var a in attempts)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"attempt {a.Attempt}: at {a.At:HH:mm:ss.fff} status {a.StatusCode} latency {a.Latency.TotalMilliseconds:0} ms next {(a.NextAttemptAt is { } n ? (n - a.At).ToString("g", CultureInfo.InvariantCulture) : "-")} error {a.Error}"));
        }
    }

    private static string Header(string request, string name) =>
        request.Split("\r\n").First(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))[(name.Length + 1)..].Trim();

    private static string[] Signatures(string request) => Header(request, "webhook-signature").Split(' ');

    private static string Sign(string secret, string request)
    {
        var body = request[(request.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var signed = $"{Header(request, "webhook-id")}.{Header(request, "webhook-timestamp")}.{body}";
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes(signed)));
    }
}
