using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Payments.Aws.Streams;

namespace Payments.TestServices;

/// <summary>
/// Reads a table's stream from DynamoDB Local with the three DynamoDB Streams JSON calls
/// (AWSSDK.DynamoDBStreams is not served here), signed with SigV4.
/// </summary>
public sealed class DynamoDbStreamsReader(Uri serviceUrl) : IDisposable
{
    private readonly HttpClient _http = new();

    /// <summary>Every record currently in every shard, in shard order, each stamped with the stream ARN as Lambda does.</summary>
    public async Task<List<DynamoDbStreamRecord>> ReadAll(string streamArn)
    {
        var description = await Call("DescribeStream", new DescribeStreamRequest(streamArn), StreamsApiJsonContext.Default.DescribeStreamRequest, StreamsApiJsonContext.Default.DescribeStreamResponse);
        var records = new List<DynamoDbStreamRecord>();
        foreach (var shard in description.StreamDescription.Shards)
        {
            var iterator = (await Call(
                "GetShardIterator",
                new GetShardIteratorRequest(streamArn, shard.ShardId, "TRIM_HORIZON"),
                StreamsApiJsonContext.Default.GetShardIteratorRequest,
                StreamsApiJsonContext.Default.GetShardIteratorResponse)).ShardIterator;
            while (iterator is not null)
            {
                var page = await Call("GetRecords", new GetRecordsRequest(iterator, 1000), StreamsApiJsonContext.Default.GetRecordsRequest, StreamsApiJsonContext.Default.GetRecordsResponse);
                if (page.Records is not { Count: > 0 })
                {
                    break;
                }

                records.AddRange(page.Records.Select(r => r with { EventSourceArn = streamArn }));
                iterator = page.NextShardIterator;
            }
        }

        return records;
    }

    public void Dispose() => _http.Dispose();

    private async Task<TResponse> Call<TRequest, TResponse>(string operation, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType)
    {
        var json = JsonSerializer.Serialize(body, requestType);
        using var request = new HttpRequestMessage(HttpMethod.Post, serviceUrl);
        request.Headers.Add("X-Amz-Target", "DynamoDBStreams_20120810." + operation);
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        SigV4.Sign(request, json, DynamoDbLocal.AccessKey, DynamoDbLocal.SecretKey, DynamoDbLocal.Region, "dynamodb", DateTimeOffset.UtcNow);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonSerializer.Deserialize(text, responseType)!
            : throw new HttpRequestException($"{operation} failed: {(int)response.StatusCode} {text}");
    }
}
