using System.Text.Json.Serialization;

namespace Payments.Aws.Sqs;

[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
internal sealed partial class SqsLambdaJsonContext : JsonSerializerContext;
