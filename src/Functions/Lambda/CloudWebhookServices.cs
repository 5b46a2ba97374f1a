using Amazon.DynamoDBv2;
using Payments.Application.Webhooks;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Application.Webhooks.Queue;
using Payments.Aws;
using Payments.Aws.Webhooks;
using Payments.Functions.Hosting;
using Payments.Functions.Lambda.Runtime;

namespace Payments.Functions.Lambda;

/// <summary>
/// The cloud column's webhook ports (DynamoDB store, SQS webhook queue, KMS cipher) and the shared webhook services,
/// for the api function (registration, replay) and the webhook function (fan-out, sending). A missing queue url or
/// key id fails where it is first needed, naming the variable.
/// </summary>
public static class CloudWebhookServices
{
    public static IServiceCollection AddCloudWebhooks(this IServiceCollection services, CloudOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(sp => new DynamoDbWebhookStore(
            sp.GetRequiredService<IAmazonDynamoDB>(), new DynamoDbWebhookTables(settings.WebhookEndpointsTable, settings.WebhookDeliveriesTable)));
        services.AddSingleton<IWebhookEndpointStore>(sp => sp.GetRequiredService<DynamoDbWebhookStore>());
        services.AddSingleton<IWebhookDeliveryStore>(sp => sp.GetRequiredService<DynamoDbWebhookStore>());
        services.AddSingleton<IWebhookQueue>(_ => new SqsWebhookQueue(
            CloudClients.Sqs(settings.SqsEndpoint),
            new SqsWebhookQueues(
                settings.WebhookQueueUrl ?? throw Missing("PAYMENTS_WEBHOOK_QUEUE_URL"),
                settings.WebhookDeadLetterQueueUrl ?? throw Missing("PAYMENTS_WEBHOOK_DEAD_LETTER_QUEUE_URL"))));
        services.AddSingleton<IWebhookSecretCipher>(_ => new KmsSecretCipher(
            CloudClients.Kms(settings.KmsEndpoint), settings.WebhookKeyId ?? throw Missing("PAYMENTS_WEBHOOK_KEY_ID")));
        return services.AddWebhookServices(new WebhookOptions { AllowInsecure = settings.WebhookAllowInsecure });
    }

    private static InvalidOperationException Missing(string variable) => new($"{variable} is required for webhooks.");
}
