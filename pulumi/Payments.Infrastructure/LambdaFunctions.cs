using Payments.Aws.Topology;
using Pulumi;
using Pulumi.Aws.CloudWatch;
using Pulumi.Aws.Iam;
using Pulumi.Aws.Lambda;
using Pulumi.Aws.Lambda.Inputs;
using Pulumi.Aws.Scheduler;
using Pulumi.Aws.Scheduler.Inputs;
using LambdaAlias = Pulumi.Aws.Lambda.Alias;

namespace Payments.Infrastructure;

/// <summary>
/// Each <see cref="FunctionDefinition"/> as a log group, a role with one inline policy of exactly its statements, a
/// published function behind the <see cref="FunctionDefinition.LiveAlias"/> alias, and its trigger pointed at the alias.
/// </summary>
public static class LambdaFunctions
{
    /// <summary>The bundle is one native executable whose <c>bootstrap</c> picks the function by handler name.</summary>
    private const string ProvidedRuntime = "provided.al2023";

    private static readonly string[] X86 = ["x86_64"];
    private static readonly string[] ReportBatchItemFailures = ["ReportBatchItemFailures"];
    private static readonly string[] InvokeFunction = ["lambda:InvokeFunction"];

    /// <summary>The name the function gets in AWS, and so in the alarms' <c>FunctionName</c> dimensions.</summary>
    public static string NameOf(CloudEnvironment environment, FunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(definition);
        return environment.Prefix + definition.Name;
    }

    public static IReadOnlyList<DeployedFunction> Provision(CloudTopology topology, string bundlePath, ProvisionedResources resources)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(resources);

        // Every log group exists before any policy is written, since a policy may name any function's log group.
        foreach (var definition in topology.Functions)
        {
            var name = NameOf(topology.Environment, definition);
            resources.Add(definition.Name, new LogGroup($"{name}-logs", new LogGroupArgs
            {
                Name = $"/aws/lambda/{name}",
                RetentionInDays = topology.Environment.LogRetentionDays,
            }));
        }

        return topology.Functions.Select(definition => Provision(topology.Environment, definition, bundlePath, resources)).ToList();
    }

    private static DeployedFunction Provision(
        CloudEnvironment environment, FunctionDefinition definition, string bundlePath, ProvisionedResources resources)
    {
        var name = NameOf(environment, definition);
        var role = new Role($"{name}-role", new RoleArgs
        {
            Name = name,
            AssumeRolePolicy = PolicyDocuments.AssumeRoleBy("lambda.amazonaws.com"),
        });
        var policy = new RolePolicy($"{name}-policy", new RolePolicyArgs
        {
            Name = name,
            Role = role.Name,
            Policy = resources.Policy(definition.Policy),
        });

        var args = new FunctionArgs
        {
            Name = name,
            Role = role.Arn,
            Runtime = ProvidedRuntime,
            Handler = definition.Handler,
            Architectures = X86,
            Code = new FileArchive(bundlePath),
            MemorySize = definition.MemoryMb,
            Timeout = definition.TimeoutSeconds,
            Publish = true,
            Environment = new FunctionEnvironmentArgs { Variables = Variables(definition, resources) },
        };
        if (definition.ReservedConcurrency is { } reserved)
        {
            args.ReservedConcurrentExecutions = reserved;
        }

        // Our log group (with its retention) must exist before Lambda would create one, and the first invocation must
        // find its permissions in place.
        var function = new Function(name, args, new CustomResourceOptions { DependsOn = { resources.FindLogGroup(definition.Name), policy } });
        var alias = new LambdaAlias($"{name}-{FunctionDefinition.LiveAlias}", new AliasArgs
        {
            Name = FunctionDefinition.LiveAlias,
            FunctionName = function.Name,
            FunctionVersion = function.Version,
        });

        switch (definition.Trigger)
        {
            case FunctionTrigger.Sqs sqs:
                Subscribe(name, sqs, alias, policy, resources);
                break;
            case FunctionTrigger.Stream stream:
                Subscribe(name, stream, alias, policy, resources);
                break;
            case FunctionTrigger.Schedule schedule:
                InvokeOnSchedule(name, schedule, alias);
                break;
            case FunctionTrigger.HttpApi:
                // HttpApiGateway wires the route integration and the invoke permission to this alias.
                break;
            default:
                throw new NotSupportedException($"{definition.Name}: trigger {definition.Trigger.GetType().Name} is not mapped.");
        }

        return new DeployedFunction(definition, function, alias);
    }

    private static InputMap<string> Variables(FunctionDefinition definition, ProvisionedResources resources)
    {
        var variables = new InputMap<string>();
        foreach (var (key, value) in definition.Environment)
        {
            if (value.QueueUrlOf is { } queue)
            {
                variables.Add(key, resources.QueueUrl(queue));
            }
            else if (value.ArnOfResource is { } resource)
            {
                variables.Add(key, resources.Arn(resource));
            }
            else
            {
                variables.Add(key, value.Literal ?? throw new InvalidOperationException($"{definition.Name}: {key} has neither a value, a queue nor a resource."));
            }
        }

        return variables;
    }

    /// <summary>Lambda validates the role's access to the queue or stream when the mapping is created, hence the dependency on the policy.</summary>
    private static void Subscribe(string name, FunctionTrigger.Sqs trigger, LambdaAlias alias, RolePolicy policy, ProvisionedResources resources)
    {
        var args = new EventSourceMappingArgs
        {
            EventSourceArn = resources.Arn(trigger.Queue),
            FunctionName = alias.Arn,
            BatchSize = trigger.BatchSize,
        };
        if (trigger.ReportBatchItemFailures)
        {
            args.FunctionResponseTypes = ReportBatchItemFailures;
        }

        if (trigger.MaximumConcurrency is { } maximumConcurrency)
        {
            args.ScalingConfig = new EventSourceMappingScalingConfigArgs { MaximumConcurrency = maximumConcurrency };
        }

        _ = new EventSourceMapping($"{name}-sqs", args, new CustomResourceOptions { DependsOn = { policy } });
    }

    private static void Subscribe(string name, FunctionTrigger.Stream trigger, LambdaAlias alias, RolePolicy policy, ProvisionedResources resources)
    {
        var args = new EventSourceMappingArgs
        {
            EventSourceArn = resources.Arn(trigger.Table),
            FunctionName = alias.Arn,
            StartingPosition = trigger.StartingPosition,
            BatchSize = trigger.BatchSize,
            MaximumRetryAttempts = trigger.MaximumRetryAttempts,
            BisectBatchOnFunctionError = trigger.BisectBatchOnFunctionError,
            DestinationConfig = new EventSourceMappingDestinationConfigArgs
            {
                OnFailure = new EventSourceMappingDestinationConfigOnFailureArgs { DestinationArn = resources.Arn(trigger.OnFailure) },
            },
        };
        if (trigger.ReportBatchItemFailures)
        {
            args.FunctionResponseTypes = ReportBatchItemFailures;
        }

        _ = new EventSourceMapping($"{name}-stream", args, new CustomResourceOptions { DependsOn = { policy } });
    }

    /// <summary>
    /// EventBridge Scheduler rather than a CloudWatch Events rule: it invokes through its own role (no resource policy on
    /// the function) and the schedule expression has the same syntax.
    /// </summary>
    private static void InvokeOnSchedule(string name, FunctionTrigger.Schedule trigger, LambdaAlias alias)
    {
        var role = new Role($"{name}-scheduler-role", new RoleArgs
        {
            Name = $"{name}-scheduler",
            AssumeRolePolicy = PolicyDocuments.AssumeRoleBy("scheduler.amazonaws.com"),
        });
        var policy = new RolePolicy($"{name}-scheduler-policy", new RolePolicyArgs
        {
            Name = $"{name}-scheduler",
            Role = role.Name,
            Policy = alias.Arn.Apply(arn => PolicyDocuments.Allow(InvokeFunction, [arn])),
        });
        _ = new Schedule($"{name}-schedule", new ScheduleArgs
        {
            Name = name,
            ScheduleExpression = trigger.Expression,
            // The topology's expression is the contract; no flexible window stretches it.
            FlexibleTimeWindow = new ScheduleFlexibleTimeWindowArgs { Mode = "OFF" },
            Target = new ScheduleTargetArgs { Arn = alias.Arn, RoleArn = role.Arn },
        }, new CustomResourceOptions { DependsOn = { policy } });
    }
}
