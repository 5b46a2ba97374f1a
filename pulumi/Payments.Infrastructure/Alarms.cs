using Payments.Aws.Topology;
using Pulumi;
using Pulumi.Aws.ApiGatewayV2;
using Pulumi.Aws.CloudWatch;
using Pulumi.Aws.CloudWatch.Inputs;

namespace Payments.Infrastructure;

/// <summary>
/// Each <see cref="AlarmDefinition"/> as a CloudWatch metric alarm: a single metric, or metric queries feeding the
/// definition's math expression, which is what the alarm compares with its threshold.
/// </summary>
public static class Alarms
{
    /// <summary>Id of the expression query; metric math ids only need to be unique within one alarm.</summary>
    private const string ExpressionId = "expression";

    public static void Provision(CloudTopology topology, Api api)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(api);
        foreach (var alarm in topology.Alarms)
        {
            _ = new MetricAlarm(alarm.Name, ArgsOf(alarm, topology.HttpApi, api));
        }
    }

    private static MetricAlarmArgs ArgsOf(AlarmDefinition alarm, HttpApiDefinition httpApi, Api api)
    {
        var args = new MetricAlarmArgs
        {
            Name = alarm.Name,
            AlarmDescription = alarm.Description,
            ComparisonOperator = alarm.ComparisonOperator,
            Threshold = alarm.Threshold,
            EvaluationPeriods = alarm.EvaluationPeriods,
        };
        if (alarm.Expression is null)
        {
            if (alarm.Metrics.Count != 1)
            {
                throw new InvalidOperationException($"{alarm.Name}: without an expression an alarm watches exactly one metric, not {alarm.Metrics.Count}.");
            }

            var metric = alarm.Metrics[0];
            args.Namespace = metric.Namespace;
            args.MetricName = metric.MetricName;
            args.Dimensions = DimensionsOf(metric, httpApi, api);
            args.Statistic = metric.Statistic;
            args.Period = alarm.PeriodSeconds;
            return args;
        }

        if (alarm.Metrics.Any(metric => metric.Id == ExpressionId))
        {
            throw new InvalidOperationException($"{alarm.Name}: metric id '{ExpressionId}' is taken by the expression.");
        }

        var queries = alarm.Metrics
            .Select(metric => new MetricAlarmMetricQueryArgs
            {
                Id = metric.Id,
                ReturnData = false,
                Metric = new MetricAlarmMetricQueryMetricArgs
                {
                    Namespace = metric.Namespace,
                    MetricName = metric.MetricName,
                    Dimensions = DimensionsOf(metric, httpApi, api),
                    Stat = metric.Statistic,
                    Period = alarm.PeriodSeconds,
                },
            })
            .ToList();
        queries.Add(new MetricAlarmMetricQueryArgs
        {
            Id = ExpressionId,
            Expression = alarm.Expression,
            Label = alarm.Description,
            ReturnData = true,
        });
        args.MetricQueries = queries;
        return args;
    }

    private static InputMap<string> DimensionsOf(AlarmMetric metric, HttpApiDefinition httpApi, Api api)
    {
        var dimensions = new InputMap<string>();
        foreach (var (name, value) in metric.Dimensions)
        {
            // API Gateway publishes metrics under the generated API id, which the topology cannot know, so it names the API.
            if (name == "ApiId" && value == httpApi.Name)
            {
                dimensions.Add(name, api.Id);
            }
            else
            {
                dimensions.Add(name, value);
            }
        }

        return dimensions;
    }
}
