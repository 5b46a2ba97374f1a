using Microsoft.AspNetCore.Mvc;
using Payments.Application.Consumers;
using Payments.Application.Jobs;
using Payments.Application.Operations;
using Payments.Application.Sweeping;
using Payments.Application.Webhooks.Replay;
using Payments.Functions.Api;
using Payments.Functions.OperatorConsole.Components;
using Payments.Projections.ReadModel;

namespace Payments.Functions.OperatorConsole;

/// <summary>The Attention page and its buttons: the <see cref="OperatorRecovery"/> and sweeper services the operator API uses.</summary>
public static class AttentionScreens
{
    private const string Path = "/console/attention";
    private const int Shown = 100;

    public static async Task<IResult> Show(HttpContext http, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var flagged = services.GetService<IPaymentSearch>() is { } search
            ? (await search.Search(new PaymentSearch(Shown, null) { AttentionOnly = true }, cancellationToken)).Items
            : [];
        var stalled = services.GetService<IStalledPaymentIndex>() is { } index && services.GetService<SweeperOptions>() is { } sweeper
            ? await index.FindStalled(time.GetUtcNow() - sweeper.StallAfter, Shown, cancellationToken)
            : [];
        var recovery = services.GetService<OperatorRecovery>();
        var view = new AttentionView(
            flagged,
            stalled,
            recovery is null ? [] : await recovery.ParkedEvents(cancellationToken),
            recovery is null ? [] : await recovery.PaymentJobDeadLetters(cancellationToken),
            recovery is null ? [] : await recovery.WebhookDeadLetters(cancellationToken));
        return ConsoleResults.Page<AttentionPage>(
            StatusCodes.Status200OK, ("Caller", ApiCaller.Client(http)), ("View", view), ("Notice", ConsoleNotices.Text(http.Request.Query["notice"])));
    }

    public static async Task<IResult> RequeueStalled(Guid id, [FromServices] IJobRequeue requeue, CancellationToken cancellationToken) =>
        ConsoleResults.After(Path, await requeue.Requeue(new PaymentJob(id), cancellationToken) ? "requeued" : "already-queued");

    public static async Task<IResult> Rerun(string consumer, long position, [FromServices] OperatorRecovery recovery, CancellationToken cancellationToken) =>
        ConsoleResults.After(Path, await recovery.Rerun(consumer, position, cancellationToken) switch
        {
            ParkedEventRerun.Handled => "handled",
            ParkedEventRerun.FailedAgain => "failed-again",
            _ => "gone",
        });

    public static async Task<IResult> RequeueJob(string messageId, [FromServices] OperatorRecovery recovery, CancellationToken cancellationToken) =>
        ConsoleResults.After(Path, await recovery.RequeuePaymentJob(messageId, cancellationToken) ? "requeued" : "gone");

    public static async Task<IResult> RedeliverWebhook(string messageId, [FromServices] OperatorRecovery recovery, CancellationToken cancellationToken) =>
        ConsoleResults.After(Path, await recovery.RedeliverWebhook(messageId, cancellationToken) switch
        {
            ReplayOutcome.Queued => "redelivered",
            ReplayOutcome.Refused => "endpoint-disabled",
            _ => "gone",
        });
}
