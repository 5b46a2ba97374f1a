using Payments.Application.Jobs;
using Payments.Application.Webhooks.Queue;

namespace Payments.Aws.Tests.Webhooks;

/// <summary>A webhook handler whose answer per message body is scripted; a body it has no answer for throws.</summary>
internal sealed class ScriptedWebhookHandler(IReadOnlyDictionary<string, WebhookDisposition> script) : IWebhookMessageHandler
{
    public List<JobReceipt> Seen { get; } = [];

    public Task<WebhookDisposition> Handle(JobReceipt receipt, CancellationToken cancellationToken)
    {
        Seen.Add(receipt);
        return script.TryGetValue(receipt.Body, out var disposition)
            ? Task.FromResult(disposition)
            : throw new InvalidOperationException($"receiver crashed on {receipt.Body}");
    }
}
