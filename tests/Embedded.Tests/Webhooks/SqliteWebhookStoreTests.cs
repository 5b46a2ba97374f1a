using Microsoft.Data.Sqlite;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Embedded.Webhooks;
using Payments.TestServices;

namespace Payments.Embedded.Tests.Webhooks;

/// <summary>What only a file can show: writes survive a reopen, and an attempt never lands without its delivery.</summary>
public sealed class SqliteWebhookStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Everything_written_survives_closing_and_reopening_the_file()
    {
        var endpoint = new WebhookEndpoint("ep_1", "client_a", "https://receiver.example/hook", ["payment.completed"], null, true, null, null, "v1:sealed", null, null, null, At, At, 1);
        var message = new WebhookMessage("msg_1", "client_a", "payment.completed", Guid.NewGuid(), 4, At, """{"type":"payment.completed"}""");
        var delivery = new WebhookDelivery("dlv_1", "msg_1", "ep_1", "client_a", "payment.completed", message.PaymentId, WebhookDeliveryState.Pending, 0, 0, null, null, At, At, At);
        var attempt = new WebhookAttempt("dlv_1", 1, "msg_1", "ep_1", "client_a", "payment.completed", message.PaymentId, At, 200, TimeSpan.FromMilliseconds(42), null, null);
        var delivered = delivery with { State = WebhookDeliveryState.Delivered, Attempts = 1, RoundAttempts = 1, LastStatusCode = 200, NextAttemptAt = null };
        await using (var store = Open())
        {
            await store.Add(endpoint, CancellationToken.None);
            await store.AddMessage(message, CancellationToken.None);
            await store.OpenDelivery(delivery, CancellationToken.None);
            await store.RecordAttempt(attempt, delivered, CancellationToken.None);
        }

        await using var reopened = Open();

        Assert.Equal(["payment.completed"], (await reopened.Find("client_a", "ep_1", CancellationToken.None))!.EventTypes);
        Assert.Equal(message, await reopened.FindMessage("msg_1", CancellationToken.None));
        Assert.Equal(delivered, await reopened.FindDelivery("dlv_1", CancellationToken.None));
        Assert.Equal([attempt], await reopened.AttemptsForEndpoint("client_a", "ep_1", 10, CancellationToken.None));
    }

    [Fact]
    public async Task Attempt_is_not_recorded_when_its_delivery_cannot_be_written()
    {
        var delivery = new WebhookDelivery("dlv_1", "msg_1", "ep_1", "client_a", "payment.completed", null, WebhookDeliveryState.Pending, 0, 0, null, null, At, At, At);
        await using var store = Open();
        await store.OpenDelivery(delivery, CancellationToken.None);
        RefuseDeliveryUpdates();

        var attempt = new WebhookAttempt("dlv_1", 1, "msg_1", "ep_1", "client_a", "payment.completed", null, At, 500, TimeSpan.FromMilliseconds(9), "answered 500", At.AddSeconds(5));
        await Assert.ThrowsAsync<SqliteException>(() => store.RecordAttempt(attempt, delivery with { Attempts = 1 }, CancellationToken.None));

        Assert.Empty(await store.AttemptsForDelivery("dlv_1", CancellationToken.None));
        Assert.Equal(delivery, await store.FindDelivery("dlv_1", CancellationToken.None));
    }

    public void Dispose() => _directory.Dispose();

    private SqliteWebhookStore Open() => SqliteWebhookStore.Open(_directory.File(SqliteWebhookStore.FileName));

    /// <summary>A trigger in the file itself, so the store's own write of the delivery fails after the attempt's insert.</summary>
    private void RefuseDeliveryUpdates()
    {
        using var connection = new SqliteConnection($"Data Source={_directory.File(SqliteWebhookStore.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TRIGGER refuse_delivery_updates BEFORE UPDATE ON deliveries BEGIN SELECT RAISE(ABORT, 'refused'); END;";
        command.ExecuteNonQuery();
    }
}
