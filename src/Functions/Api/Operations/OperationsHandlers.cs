using Microsoft.AspNetCore.Mvc;
using Payments.Application.Consumers;
using Payments.Application.Jobs;
using Payments.Application.Operations;
using Payments.Application.Webhooks.Replay;
using Payments.Domain.Requests;
using Payments.Functions.Api.Contracts;
using Payments.Functions.Api.Webhooks;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Api.Operations;

/// <summary>The operator's endpoints: what is stuck, parked or dead-lettered, and the one action that fixes each.</summary>
public static class OperationsHandlers
{
    public static async Task<IResult> Payments(HttpContext http, [FromServices] IPaymentSearch search, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var query = PaymentSearchQuery.Parse(http.Request.Query, http, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var page = await search.Search(query, cancellationToken);
        var body = new PaymentListResponse(page.Items.Select(PaymentResponses.From).ToList(), page.NextAfter?.ToString("N"));
        return Results.Json(body, ApiJsonContext.Default.PaymentListResponse);
    }

    public static async Task<IResult> ParkedEvents([FromServices] OperatorRecovery recovery, CancellationToken cancellationToken)
    {
        var parked = await recovery.ParkedEvents(cancellationToken);
        var items = parked.Select(p => new ParkedEventResponse(p.Consumer, p.Position, p.StreamId, p.Version, p.Type, p.Error, p.Attempts, p.ParkedAt)).ToList();
        return Results.Json(new ParkedEventListResponse(items), ApiJsonContext.Default.ParkedEventListResponse);
    }

    public static async Task<IResult> Rerun(string consumer, long position, [FromServices] OperatorRecovery recovery, CancellationToken cancellationToken) =>
        await recovery.Rerun(consumer, position, cancellationToken) switch
        {
            ParkedEventRerun.Handled => Action("handled"),
            ParkedEventRerun.FailedAgain => Action("failed_again"),
            _ => Problems.NotFound($"Parked event {position} of {consumer}"),
        };

    public static async Task<IResult> PaymentJobDeadLetters([FromServices] OperatorRecovery recovery, CancellationToken cancellationToken) =>
        DeadLetters("payment-jobs", await recovery.PaymentJobDeadLetters(cancellationToken));

    public static async Task<IResult> RequeuePaymentJob(string messageId, [FromServices] OperatorRecovery recovery, CancellationToken cancellationToken) =>
        await recovery.RequeuePaymentJob(messageId, cancellationToken) ? Action("requeued", StatusCodes.Status202Accepted) : Problems.NotFound($"Dead letter {messageId}");

    public static async Task<IResult> WebhookDeadLetters([FromServices] OperatorRecovery recovery, CancellationToken cancellationToken) =>
        DeadLetters("webhooks", await recovery.WebhookDeadLetters(cancellationToken));

    public static async Task<IResult> RedeliverWebhook(string messageId, [FromServices] OperatorRecovery recovery, CancellationToken cancellationToken) =>
        await recovery.RedeliverWebhook(messageId, cancellationToken) switch
        {
            ReplayOutcome.Queued => Action("redelivery_queued", StatusCodes.Status202Accepted),
            ReplayOutcome.Refused refused => WebhookAnswers.Refused(refused),
            _ => Problems.NotFound($"Dead letter {messageId}"),
        };

    private static IResult DeadLetters(string queue, IReadOnlyList<DeadLetteredJob> dead) =>
        Results.Json(
            new DeadLetterListResponse(queue, dead.Select(d => new DeadLetterResponse(d.MessageId, d.Body, d.ReceiveCount, d.DeadLetteredAt)).ToList()),
            ApiJsonContext.Default.DeadLetterListResponse);

    private static IResult Action(string outcome, int status = StatusCodes.Status200OK) =>
        Results.Json(new OperatorActionResponse(outcome), ApiJsonContext.Default.OperatorActionResponse, statusCode: status);
}
