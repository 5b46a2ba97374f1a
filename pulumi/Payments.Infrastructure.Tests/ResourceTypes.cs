namespace Payments.Infrastructure.Tests;

/// <summary>The Pulumi type tokens the program registers, as the mocks see them.</summary>
internal static class ResourceTypes
{
    public const string Table = "aws:dynamodb/table:Table";
    public const string Queue = "aws:sqs/queue:Queue";
    public const string EventBus = "aws:cloudwatch/eventBus:EventBus";
    public const string EventRule = "aws:cloudwatch/eventRule:EventRule";
    public const string EventTarget = "aws:cloudwatch/eventTarget:EventTarget";
    public const string QueuePolicy = "aws:sqs/queuePolicy:QueuePolicy";
    public const string Key = "aws:kms/key:Key";
    public const string LogGroup = "aws:cloudwatch/logGroup:LogGroup";
    public const string MetricAlarm = "aws:cloudwatch/metricAlarm:MetricAlarm";
    public const string Role = "aws:iam/role:Role";
    public const string RolePolicy = "aws:iam/rolePolicy:RolePolicy";
    public const string Function = "aws:lambda/function:Function";
    public const string Alias = "aws:lambda/alias:Alias";
    public const string EventSourceMapping = "aws:lambda/eventSourceMapping:EventSourceMapping";
    public const string Permission = "aws:lambda/permission:Permission";
    public const string Pipe = "aws:pipes/pipe:Pipe";
    public const string Schedule = "aws:scheduler/schedule:Schedule";
    public const string Api = "aws:apigatewayv2/api:Api";
    public const string Integration = "aws:apigatewayv2/integration:Integration";
    public const string Route = "aws:apigatewayv2/route:Route";
    public const string Stage = "aws:apigatewayv2/stage:Stage";
}
