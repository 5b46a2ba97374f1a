using System.Net;
using Amazon.Runtime;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Payments.Aws;

/// <summary>
/// The Polly pipeline around SQS writes (send, delete, change visibility): a 10 s timeout per attempt and up to three
/// retries with exponential backoff and jitter on throttling, 5xx, network errors and timeouts. The SDK's own retries
/// are off on the clients <see cref="CloudClients.Sqs"/> makes, so there is one retry policy, tested, on the injected
/// clock. Every retried call is safe: deletes and visibility changes are idempotent per receipt, and a send that is
/// retried after an unknown outcome at worst enqueues a job twice, which the worker absorbs.
/// </summary>
public static class SqsResilience
{
    public static ResiliencePipeline Pipeline(TimeProvider time) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<AmazonServiceException>(IsTransient)
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddTimeout(TimeSpan.FromSeconds(10))
            .Build();

    private static bool IsTransient(AmazonServiceException e) =>
        e.StatusCode >= HttpStatusCode.InternalServerError
        || e.StatusCode == HttpStatusCode.TooManyRequests
        || e.ErrorCode is "ThrottlingException" or "RequestThrottled" or "ServiceUnavailable" or "InternalError";
}
