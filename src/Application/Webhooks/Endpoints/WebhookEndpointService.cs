using Payments.Domain.Requests;
using Payments.Application.Webhooks.Sending;

namespace Payments.Application.Webhooks.Endpoints;

/// <summary>
/// Registers, changes, rotates and removes a client's webhook endpoints. URLs are judged twice: their shape, and the
/// addresses their host resolves to now (the sender judges again on every send). Secrets are generated here, sealed
/// before they are stored and returned in clear only in the outcome of a creation or a rotation.
/// </summary>
public sealed class WebhookEndpointService(
    IWebhookEndpointStore store,
    IWebhookSecretCipher cipher,
    WebhookAddressPolicy addresses,
    WebhookOptions options,
    TimeProvider time)
{
    public const int MaxEndpointsPerClient = 20;
    public const int MaxDescriptionLength = 256;
    private const int ConflictRetries = 3;

    public Task<IReadOnlyList<WebhookEndpoint>> List(string clientId, CancellationToken cancellationToken) => store.ListFor(clientId, cancellationToken);

    public Task<WebhookEndpoint?> Find(string clientId, string endpointId, CancellationToken cancellationToken) => store.Find(clientId, endpointId, cancellationToken);

    public async Task<EndpointOutcome> Create(string clientId, WebhookEndpointDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<FieldError>();
        await CheckUrl(draft.Url, errors, cancellationToken).ConfigureAwait(false);
        CheckEventTypes(draft.EventTypes, errors);
        CheckDescription(draft.Description, errors);
        if ((await store.ListFor(clientId, cancellationToken).ConfigureAwait(false)).Count >= MaxEndpointsPerClient)
        {
            errors.Add(new FieldError("url", "too_many_endpoints", $"A client may register at most {MaxEndpointsPerClient} endpoints."));
        }

        if (errors.Count > 0)
        {
            return new EndpointOutcome.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var id = "ep_" + Guid.CreateVersion7(now).ToString("N");
        var secret = WebhookSecret.Generate();
        var endpoint = new WebhookEndpoint(
            id, clientId, draft.Url!, Distinct(draft.EventTypes), Blank(draft.Description), Enabled: true, null, null,
            await cipher.Seal(secret, id, cancellationToken).ConfigureAwait(false), null, null, null, now, now, Revision: 1);
        await store.Add(endpoint, cancellationToken).ConfigureAwait(false);
        return new EndpointOutcome.Saved(endpoint, secret);
    }

    public async Task<EndpointOutcome> Update(string clientId, string endpointId, WebhookEndpointPatch patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var errors = new List<FieldError>();
        if (patch.Url is not null)
        {
            await CheckUrl(patch.Url, errors, cancellationToken).ConfigureAwait(false);
        }

        if (patch.EventTypes is not null)
        {
            CheckEventTypes(patch.EventTypes, errors);
        }

        CheckDescription(patch.Description, errors);
        return errors.Count > 0
            ? new EndpointOutcome.Invalid(errors)
            : await Change(clientId, endpointId, (endpoint, now) => Patched(endpoint, patch, now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A new secret; the previous one keeps signing alongside it for <see cref="WebhookOptions.RotationOverlap"/>.</summary>
    public async Task<EndpointOutcome> RotateSecret(string clientId, string endpointId, CancellationToken cancellationToken)
    {
        var secret = WebhookSecret.Generate();
        var sealedSecret = await cipher.Seal(secret, endpointId, cancellationToken).ConfigureAwait(false);
        var outcome = await Change(
            clientId,
            endpointId,
            (endpoint, now) => endpoint with
            {
                SealedSecret = sealedSecret,
                PreviousSealedSecret = endpoint.SealedSecret,
                PreviousSecretExpiresAt = now + options.RotationOverlap,
            },
            cancellationToken).ConfigureAwait(false);
        return outcome is EndpointOutcome.Saved saved ? saved with { Secret = secret } : outcome;
    }

    public Task<bool> Delete(string clientId, string endpointId, CancellationToken cancellationToken) => store.Remove(clientId, endpointId, cancellationToken);

    /// <summary>The secrets that sign now: the current one, and the previous one while its overlap lasts.</summary>
    public async Task<IReadOnlyList<string>> SigningSecrets(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var current = await cipher.Open(endpoint.SealedSecret, endpoint.EndpointId, cancellationToken).ConfigureAwait(false);
        if (endpoint.PreviousSealedSecret is { } previous && endpoint.PreviousSecretExpiresAt > time.GetUtcNow())
        {
            return [current, await cipher.Open(previous, endpoint.EndpointId, cancellationToken).ConfigureAwait(false)];
        }

        return [current];
    }

    /// <summary>Applies <paramref name="change"/> over the stored endpoint, re-reading when another writer got there first.</summary>
    internal async Task<EndpointOutcome> Change(string clientId, string endpointId, Func<WebhookEndpoint, DateTimeOffset, WebhookEndpoint> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ConflictRetries; attempt++)
        {
            var stored = await store.Find(clientId, endpointId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return new EndpointOutcome.NotFound();
            }

            var now = time.GetUtcNow();
            var changed = change(stored, now) with { UpdatedAt = now, Revision = stored.Revision + 1 };
            if (await store.Replace(changed, cancellationToken).ConfigureAwait(false))
            {
                return new EndpointOutcome.Saved(changed, null);
            }
        }

        return new EndpointOutcome.Conflict();
    }

    private static WebhookEndpoint Patched(WebhookEndpoint endpoint, WebhookEndpointPatch patch, DateTimeOffset now)
    {
        var patched = endpoint with
        {
            Url = patch.Url ?? endpoint.Url,
            EventTypes = patch.EventTypes is null ? endpoint.EventTypes : Distinct(patch.EventTypes),
            Description = patch.Description is null ? endpoint.Description : Blank(patch.Description),
        };
        return patch.Enabled switch
        {
            true when !endpoint.Enabled => patched with { Enabled = true, DisabledReason = null, DisabledAt = null, FailingSince = null },
            false when endpoint.Enabled => patched with { Enabled = false, DisabledReason = WebhookDisabledReasons.Client, DisabledAt = now },
            _ => patched,
        };
    }

    private async Task CheckUrl(string? url, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var shape = addresses.CheckUrl(url);
        var refusal = shape ?? await addresses.CheckHost(new Uri(url!), cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            errors.Add(new FieldError("url", shape is null ? "url_not_allowed" : "url_invalid", refusal));
        }
    }

    private static void CheckEventTypes(IReadOnlyList<string>? types, List<FieldError> errors)
    {
        foreach (var type in (types ?? []).Where(t => !WebhookEventTypes.IsKnown(t)))
        {
            errors.Add(new FieldError("event_types", "unknown_event_type", $"'{type}' is not in the catalogue (GET /webhooks/event-types)."));
        }
    }

    private static void CheckDescription(string? description, List<FieldError> errors)
    {
        if (description is null)
        {
            return;
        }

        if (description.Length > MaxDescriptionLength || description.Any(char.IsControl))
        {
            errors.Add(new FieldError("description", "description_invalid", $"description must be at most {MaxDescriptionLength} characters without control characters."));
        }
    }

    private static string[] Distinct(IReadOnlyList<string>? types) => [.. (types ?? []).Distinct(StringComparer.Ordinal)];

    private static string? Blank(string? description) => string.IsNullOrWhiteSpace(description) ? null : description;
}
