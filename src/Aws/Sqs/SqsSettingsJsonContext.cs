using System.Text.Json.Serialization;

namespace Payments.Aws.Sqs;

[JsonSerializable(typeof(SqsRedrivePolicy))]
internal sealed partial class SqsSettingsJsonContext : JsonSerializerContext;
