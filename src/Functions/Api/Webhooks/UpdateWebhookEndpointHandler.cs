using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Payments.Application.Webhooks.Endpoints;
using Payments.Domain.Requests;

namespace Payments.Functions.Api.Webhooks;

/// <summary>
/// PATCH /webhook-endpoints/{id}: changes only the members sent. An explicit null cannot mean "unchanged" (that is
/// leaving the member out) nor a value for url, event_types or enabled, so it is refused; for description it clears it.
/// </summary>
public static class UpdateWebhookEndpointHandler
{
    private static readonly JsonBodyReader Body = new("webhook endpoint change", "url, event_types, description, enabled");
    private static readonly string[] NotNullable = ["url", "event_types", "enabled"];

    public static async Task<IResult> Handle(string id, HttpContext http, [FromServices] WebhookEndpointService endpoints, CancellationToken cancellationToken)
    {
        var (bytes, problem) = await Body.ReadBytes(http.Request, cancellationToken);
        if (bytes is null)
        {
            return problem!;
        }

        var (body, malformed) = Body.Deserialize(bytes, ApiJsonContext.Default.UpdateWebhookEndpointBody);
        if (body is null)
        {
            return malformed!;
        }

        var nulls = NullMembers(bytes);
        var errors = NotNullable.Where(nulls.Contains)
            .Select(name => new FieldError(name, "null_not_allowed", $"{name} cannot be null; leave it out to keep the current value."))
            .ToList();
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var description = nulls.Contains("description") ? "" : body.Description;
        var patch = new WebhookEndpointPatch(body.Url, body.EventTypes, description, body.Enabled);
        var outcome = await endpoints.Update(ApiCaller.Client(http).ClientId, id, patch, cancellationToken);
        return WebhookAnswers.Endpoint(outcome, id, saved => Results.Json(WebhookResponses.Endpoint(saved.Endpoint), ApiJsonContext.Default.WebhookEndpointResponse));
    }

    /// <summary>The top-level members sent as JSON null (the body is one object without repeated members by now).</summary>
    private static HashSet<string> NullMembers(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.EnumerateObject()
            .Where(member => member.Value.ValueKind == JsonValueKind.Null)
            .Select(member => member.Name)
            .ToHashSet(StringComparer.Ordinal);
    }
}
