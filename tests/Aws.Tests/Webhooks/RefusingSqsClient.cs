using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Payments.Aws.Tests.Webhooks;

/// <summary>
/// fauxqs refusing batch entries the way SQS can (throttled or internal error per entry): the entries whose body is in
/// <paramref name="refused"/> are answered as failed, not sent, for their first <paramref name="times"/> batches.
/// </summary>
public sealed class RefusingSqsClient(string serviceUrl, IReadOnlySet<string> refused, int times) : AmazonSQSClient(
    new BasicAWSCredentials("test", "test"),
    new AmazonSQSConfig { ServiceURL = serviceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 })
{
    private readonly Dictionary<string, int> _refusals = new(StringComparer.Ordinal);

    public int Batches { get; private set; }

    public override async Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Batches++;
        var refusedNow = request.Entries.Where(Refuse).ToList();
        var passed = request.Entries.Except(refusedNow).ToList();
        var response = passed.Count > 0
            ? await base.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = request.QueueUrl, Entries = passed }, cancellationToken)
            : new SendMessageBatchResponse { Successful = [] };
        response.Failed = [.. response.Failed ?? [], .. refusedNow.Select(e => new BatchResultErrorEntry { Id = e.Id, Code = "InternalError", Message = "refused by the test", SenderFault = false })];
        return response;
    }

    private bool Refuse(SendMessageBatchRequestEntry entry)
    {
        if (!refused.Contains(entry.MessageBody))
        {
            return false;
        }

        var count = _refusals.GetValueOrDefault(entry.MessageBody);
        _refusals[entry.MessageBody] = count + 1;
        return count < times;
    }
}
