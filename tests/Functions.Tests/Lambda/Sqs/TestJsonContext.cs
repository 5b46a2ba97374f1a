using System.Text.Json.Serialization;

namespace Payments.Functions.Tests.Lambda.Sqs;

[JsonSerializable(typeof(string))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
