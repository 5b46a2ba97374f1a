using System.Text.Json.Serialization;

namespace Payments.Aws.Tests.Sqs;

[JsonSerializable(typeof(string))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
