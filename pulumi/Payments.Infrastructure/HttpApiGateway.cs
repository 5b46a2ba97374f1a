using Payments.Aws.Topology;
using Pulumi;
using Pulumi.Aws.ApiGatewayV2;
using Pulumi.Aws.ApiGatewayV2.Inputs;
using Pulumi.Aws.CloudWatch;
using Pulumi.Aws.Lambda;

namespace Payments.Infrastructure;

/// <summary>
/// The <see cref="HttpApiDefinition"/> as an API Gateway HTTP API: every route proxied (payload 2.0) to the live alias
/// of the one function the topology triggers by <see cref="FunctionTrigger.HttpApi"/>, one auto-deployed default stage.
/// </summary>
public static class HttpApiGateway
{
    /// <summary>The stage API Gateway serves at the API's root URL, so clients need no stage segment in the path.</summary>
    private const string DefaultStage = "$default";

    public static Api Provision(CloudTopology topology, IReadOnlyList<DeployedFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(functions);
        var definition = topology.HttpApi;
        var handlers = functions.Where(f => f.Definition.Trigger is FunctionTrigger.HttpApi).ToList();
        if (handlers.Count != 1)
        {
            throw new InvalidOperationException($"{definition.Name} needs exactly one function triggered by the HTTP API; the topology has {handlers.Count}.");
        }

        var handler = handlers[0];
        var args = new ApiArgs { Name = definition.Name, ProtocolType = "HTTP" };
        if (definition.Cors.Enabled)
        {
            args.CorsConfiguration = new ApiCorsConfigurationArgs
            {
                AllowOrigins = definition.Cors.AllowOrigins.ToArray(),
                AllowHeaders = definition.Cors.AllowHeaders.ToArray(),
                ExposeHeaders = definition.Cors.ExposeHeaders.ToArray(),
                AllowMethods = definition.Cors.AllowMethods.ToArray(),
                MaxAge = definition.Cors.MaxAgeSeconds,
            };
        }

        var api = new Api(definition.Name, args);
        var integration = new Integration($"{definition.Name}-{handler.Definition.Name}", new IntegrationArgs
        {
            ApiId = api.Id,
            IntegrationType = "AWS_PROXY",
            // Lambda is always invoked with POST, whatever the client's method.
            IntegrationMethod = "POST",
            IntegrationUri = handler.Alias.Arn,
            PayloadFormatVersion = "2.0",
        });
        foreach (var route in definition.Routes)
        {
            _ = new Route($"{definition.Name} {route}", new RouteArgs
            {
                ApiId = api.Id,
                RouteKey = route,
                Target = integration.Id.Apply(id => $"integrations/{id}"),
            });
        }

        var accessLog = new LogGroup($"{definition.Name}-access-log", new LogGroupArgs
        {
            Name = $"/aws/apigateway/{definition.Name}",
            RetentionInDays = topology.Environment.LogRetentionDays,
        });
        _ = new Stage($"{definition.Name}-stage", new StageArgs
        {
            ApiId = api.Id,
            Name = DefaultStage,
            AutoDeploy = true,
            DefaultRouteSettings = new StageDefaultRouteSettingsArgs
            {
                ThrottlingBurstLimit = definition.ThrottlingBurstLimit,
                ThrottlingRateLimit = definition.ThrottlingRateLimit,
            },
            AccessLogSettings = new StageAccessLogSettingsArgs { DestinationArn = accessLog.Arn, Format = definition.AccessLogFormat },
        });

        // Granted on the alias, not the function: the unqualified function ($LATEST) stays uninvokable from the API.
        _ = new Permission($"{definition.Name}-invoke", new PermissionArgs
        {
            Action = "lambda:InvokeFunction",
            Function = handler.Function.Name,
            Qualifier = handler.Alias.Name,
            Principal = "apigateway.amazonaws.com",
            SourceArn = Output.Format($"{api.ExecutionArn}/*/*"),
        });
        return api;
    }
}
