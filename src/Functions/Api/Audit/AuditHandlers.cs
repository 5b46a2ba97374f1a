using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Payments.Application.Audit;
using Payments.Application.Audit.Documents;
using Payments.Domain.Requests;
using Payments.EventStore.Contract;

namespace Payments.Functions.Api.Audit;

/// <summary>The audit routes' handlers: parse the query, ask the <see cref="AuditTrail"/>, answer its document or a field error.</summary>
public static class AuditHandlers
{
    public static async Task<IResult> Checkpoint([FromServices] AuditTrail trail, CancellationToken cancellationToken) =>
        Results.Json(await trail.Checkpoint(cancellationToken), AuditJsonContext.Default.CheckpointDocument);

    public static async Task<IResult> SignCheckpoint([FromServices] AuditCheckpointer checkpointer, CancellationToken cancellationToken) =>
        Results.Json(CheckpointDocument.From(await checkpointer.Sign(cancellationToken)), AuditJsonContext.Default.CheckpointDocument, statusCode: StatusCodes.Status201Created);

    public static async Task<IResult> Inclusion(HttpContext http, [FromServices] AuditTrail trail, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var position = Number(http, "position", required: true, errors);
        var treeSize = Number(http, "tree_size", required: false, errors);
        return errors.Count > 0
            ? Problems.Validation(errors)
            : Answer(await trail.Inclusion(position!.Value, treeSize, cancellationToken), AuditJsonContext.Default.InclusionProofDocument);
    }

    public static async Task<IResult> Consistency(HttpContext http, [FromServices] AuditTrail trail, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var from = Number(http, "from", required: true, errors);
        var to = Number(http, "to", required: true, errors);
        return errors.Count > 0
            ? Problems.Validation(errors)
            : Answer(await trail.Consistency(from!.Value, to!.Value, cancellationToken), AuditJsonContext.Default.ConsistencyProofDocument);
    }

    public static async Task<IResult> Payment(string id, [FromServices] AuditTrail trail, CancellationToken cancellationToken)
    {
        var document = Guid.TryParse(id, out var paymentId) ? await trail.Stream(StreamId.For(paymentId), cancellationToken) : null;
        return document is null ? Problems.NotFound($"Payment {id}") : Results.Json(document, AuditJsonContext.Default.PaymentAuditDocument);
    }

    private static IResult Answer<T>(AuditAnswer<T> answer, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class =>
        answer.Document is { } document
            ? Results.Json(document, type)
            : Problems.Validation([new FieldError(answer.Parameter!, "out_of_range", $"{answer.Parameter} {answer.Refusal}")]);

    private static long? Number(HttpContext http, string name, bool required, List<FieldError> errors)
    {
        var raw = http.Request.Query[name];
        if (raw.Count == 0)
        {
            if (required)
            {
                errors.Add(new FieldError(name, "required", $"{name} is required"));
            }

            return null;
        }

        if (raw.Count == 1 && long.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new FieldError(name, "wrong_type", $"{name} must be one whole number"));
        return null;
    }
}
