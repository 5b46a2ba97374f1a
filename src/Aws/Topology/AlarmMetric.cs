namespace Payments.Aws.Topology;

public sealed record AlarmMetric(string Id, string Namespace, string MetricName, IReadOnlyDictionary<string, string> Dimensions, string Statistic);
