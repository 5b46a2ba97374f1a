namespace Payments.Aws.Topology;

/// <summary>
/// A CloudWatch alarm: <see cref="Metrics"/> are the queried metrics (id → namespace, name, dimensions, statistic);
/// <see cref="Expression"/>, when set, is the metric math the alarm compares (e.g. errors / invocations).
/// </summary>
public sealed record AlarmDefinition(
    string Name, string Description, IReadOnlyList<AlarmMetric> Metrics, string? Expression, double Threshold, int PeriodSeconds, int EvaluationPeriods, string ComparisonOperator = "GreaterThanThreshold");
