using Payments.Aws.Topology;
using Pulumi;
using Pulumi.Aws.Iam;
using Pulumi.Aws.Pipes;
using Pulumi.Aws.Pipes.Inputs;

namespace Payments.Infrastructure;

/// <summary>
/// The <see cref="PipeDefinition"/> as an EventBridge Pipe from the events table's stream to the bus, with a role that
/// can read that one stream and put events on that one bus.
/// </summary>
public static class LedgerEventPipe
{
    /// <summary>
    /// A pipe created on a live table must still see every event already in the stream, so it starts at the oldest
    /// record; the stream keeps 24 hours, which is the replay window.
    /// </summary>
    private const string FromOldestRecord = "TRIM_HORIZON";

    private static readonly string[] StreamRead =
        ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"];

    private static readonly string[] PutEvents = ["events:PutEvents"];

    public static Pipe Provision(PipeDefinition pipe, ProvisionedResources resources)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        ArgumentNullException.ThrowIfNull(resources);
        var role = new Role($"{pipe.Name}-role", new RoleArgs
        {
            Name = pipe.Name,
            AssumeRolePolicy = PolicyDocuments.AssumeRoleBy("pipes.amazonaws.com"),
        });
        var policy = new RolePolicy($"{pipe.Name}-policy", new RolePolicyArgs
        {
            Name = pipe.Name,
            Role = role.Name,
            Policy = resources.Policy([new PolicyStatement(StreamRead, [pipe.Source]), new PolicyStatement(PutEvents, [pipe.Target])]),
        });

        // Pipes checks the role's access to the source when it is created, so the policy has to exist first.
        return new Pipe(pipe.Name, new PipeArgs
        {
            Name = pipe.Name,
            RoleArn = role.Arn,
            Source = resources.Arn(pipe.Source),
            Target = resources.Arn(pipe.Target),
            SourceParameters = new PipeSourceParametersArgs
            {
                FilterCriteria = new PipeSourceParametersFilterCriteriaArgs
                {
                    Filters = new[] { new PipeSourceParametersFilterCriteriaFilterArgs { Pattern = pipe.FilterPattern } },
                },
                DynamodbStreamParameters = new PipeSourceParametersDynamodbStreamParametersArgs { StartingPosition = FromOldestRecord },
            },
            TargetParameters = new PipeTargetParametersArgs
            {
                EventbridgeEventBusParameters = new PipeTargetParametersEventbridgeEventBusParametersArgs
                {
                    DetailType = pipe.DetailTypePath,
                    Source = pipe.EventSource,
                },
                InputTemplate = pipe.DetailTemplate,
            },
        }, new CustomResourceOptions { DependsOn = { policy } });
    }
}
