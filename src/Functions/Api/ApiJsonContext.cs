using System.Text.Json.Serialization;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api;

/// <summary>
/// Every wire shape of the HTTP API. Unknown request fields are an error, not silently dropped; so is a repeated one
/// (<see cref="PaymentRequestReader"/> reports it precisely first; this is the platform's own guard behind it).
/// </summary>
[JsonSourceGenerationOptions(
    AllowDuplicateProperties = false,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    MaxDepth = 16)]
[JsonSerializable(typeof(CreatePaymentBody))]
[JsonSerializable(typeof(PaymentResponse))]
[JsonSerializable(typeof(PaymentListResponse))]
[JsonSerializable(typeof(PaymentHistoryResponse))]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(HealthReportResponse))]
[JsonSerializable(typeof(CreateWebhookEndpointBody))]
[JsonSerializable(typeof(UpdateWebhookEndpointBody))]
[JsonSerializable(typeof(RecoverWebhooksBody))]
[JsonSerializable(typeof(WebhookEndpointResponse))]
[JsonSerializable(typeof(WebhookEndpointListResponse))]
[JsonSerializable(typeof(WebhookAttemptListResponse))]
[JsonSerializable(typeof(WebhookDeliveryResponse))]
[JsonSerializable(typeof(PaymentDeliveriesResponse))]
[JsonSerializable(typeof(WebhookRecoveryResponse))]
[JsonSerializable(typeof(WebhookEventTypeListResponse))]
[JsonSerializable(typeof(EventFeedResponse))]
[JsonSerializable(typeof(ParkedEventListResponse))]
[JsonSerializable(typeof(DeadLetterListResponse))]
[JsonSerializable(typeof(OperatorActionResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
