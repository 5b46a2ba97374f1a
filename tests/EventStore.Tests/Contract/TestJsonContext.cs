using System.Text.Json.Serialization;

namespace Payments.EventStore.Tests.Contract;

[JsonSerializable(typeof(string))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
