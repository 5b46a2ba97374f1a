using System.Text.Json.Serialization;

namespace Payments.Functions.Jobs.Sqs;

[JsonSerializable(typeof(SqsRedrivePolicy))]
internal sealed partial class SqsSettingsJsonContext : JsonSerializerContext;
