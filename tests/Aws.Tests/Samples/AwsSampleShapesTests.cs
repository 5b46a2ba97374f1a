using System.Text.Json;
using System.Text.Json.Nodes;
using Payments.Aws.HttpApi;
using Payments.Aws.Sqs;
using Payments.Aws.Streams;
using Payments.TestServices;

namespace Payments.Aws.Tests.Samples;

/// <summary>Our Lambda event and response types against the payloads AWS's own libraries test with.</summary>
public sealed class AwsSampleShapesTests
{
    [Theory]
    [InlineData("http-api-v2-request.json")]
    [InlineData("http-api-v2-request-lambda-authorizer.json")]
    public void Http_api_v2_request_sample_parses_with_every_field_we_read(string sample)
    {
        var request = JsonSerializer.Deserialize(AwsSamples.Read(sample), HttpApiJsonContext.Default.HttpApiRequest)!;

        Assert.Equal("2.0", request.Version);
        Assert.False(string.IsNullOrEmpty(request.RawPath));
        Assert.NotNull(request.Headers);
        Assert.False(string.IsNullOrEmpty(request.RequestContext?.Http?.Method));
        Assert.False(string.IsNullOrEmpty(request.RequestContext?.RequestId));
    }

    [Fact]
    public void Http_api_v2_sample_carries_cookies_query_and_a_base64_flag()
    {
        var request = JsonSerializer.Deserialize(AwsSamples.Read("http-api-v2-request.json"), HttpApiJsonContext.Default.HttpApiRequest)!;

        Assert.Equal(["cookie1", "cookie2"], request.Cookies);
        Assert.Equal("parameter1=value1&parameter1=value2&parameter2=value", request.RawQueryString);
        Assert.Equal(("POST", "/my/path", true), (request.RequestContext!.Http!.Method, request.RawPath, request.IsBase64Encoded));
    }

    [Fact]
    public void Sqs_event_sample_parses_message_ids_receipts_and_receive_counts()
    {
        var sqsEvent = JsonSerializer.Deserialize(AwsSamples.Read("sqs-event.json"), SqsLambdaJsonContext.Default.SqsEvent)!;

        Assert.NotEmpty(sqsEvent.Records!);
        Assert.All(sqsEvent.Records!, r => Assert.False(string.IsNullOrEmpty(r.MessageId) || string.IsNullOrEmpty(r.ReceiptHandle)));
        Assert.Equal("2", sqsEvent.Records![0].Attributes!.ApproximateReceiveCount);
    }

    [Fact]
    public void Our_sqs_partial_batch_response_has_the_shape_of_the_sample()
    {
        var ours = JsonSerializer.Serialize(new SqsBatchResponse([new("MessageID_1"), new("MessageID_2")]), SqsLambdaJsonContext.Default.SqsBatchResponse);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(AwsSamples.Read("sqs-response.json")), JsonNode.Parse(ours)));
    }

    [Fact]
    public void Our_streams_partial_batch_response_has_the_shape_of_the_sample()
    {
        var ours = StreamsBatch.Serialize(new StreamsBatchResponse { BatchItemFailures = [new StreamsBatchItemFailure("1405400000000002063282832")] });

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(AwsSamples.Read("dynamodb-batchitemfailures-response.json")), JsonNode.Parse(ours)));
    }

    [Theory]
    [InlineData("dynamodb-event.json")]
    [InlineData("dynamodb-with-ms-event.json")]
    public async Task Streams_event_samples_stop_at_the_first_foreign_image_and_report_it_and_every_later_record(string sample)
    {
        var json = AwsSamples.Read(sample);
        var all = JsonNode.Parse(json)!["Records"]!.AsArray();
        var firstImage = all.Select((r, i) => (Name: (string?)r!["eventName"], Index: i)).First(r => r.Name != "REMOVE").Index;
        var handled = 0;

        var (response, read, ignored) = await StreamsBatch.Process(json, _ => Task.FromResult(++handled), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        // The samples' images are not ledger events: the first INSERT/MODIFY fails, and Lambda is told to retry from it.
        Assert.Equal(all.Count, read);
        Assert.Equal(0, handled);
        Assert.Equal(firstImage, ignored);
        Assert.Equal(all.Skip(firstImage).Select(r => (string?)r!["dynamodb"]!["SequenceNumber"]), response.BatchItemFailures.Select(f => f.ItemIdentifier));
    }
}
