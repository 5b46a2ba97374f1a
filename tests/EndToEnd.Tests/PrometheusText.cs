using System.Globalization;
using System.Text;

namespace Payments.EndToEnd.Tests;

/// <summary>
/// The Prometheus text exposition format (0.0.4), read independently of the exporter that wrote it: each sample line is
/// <c>name{label="value",…} value [timestamp]</c>; comments and blank lines are skipped; label values unescape
/// <c>\\</c>, <c>\"</c> and <c>\n</c>.
/// </summary>
internal sealed class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples;

    private PrometheusText(List<(string, Dictionary<string, string>, double)> samples) => _samples = samples;

    public static PrometheusText Parse(string text)
    {
        var samples = new List<(string, Dictionary<string, string>, double)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var i = 0;
            while (i < line.Length && line[i] is not ('{' or ' '))
            {
                i++;
            }

            var name = line[..i];
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (i < line.Length && line[i] == '{')
            {
                i = ReadLabels(line, i + 1, labels);
            }

            var fields = line[i..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            samples.Add((name, labels, ParseValue(fields[0])));
        }

        return new PrometheusText(samples);
    }

    /// <summary>The sum over every series of <paramref name="name"/> whose labels include <paramref name="labels"/> (0 when none).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).Sum(s => s.Value);

    public bool Has(string name, params (string Label, string Value)[] labels) =>
        _samples.Any(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));

    private static int ReadLabels(string line, int i, Dictionary<string, string> labels)
    {
        while (line[i] != '}')
        {
            var equals = line.IndexOf('=', i);
            var label = line[i..equals].Trim();
            if (line[equals + 1] != '"')
            {
                throw new FormatException($"Label {label} has an unquoted value: {line}");
            }

            var value = new StringBuilder();
            i = equals + 2;
            while (line[i] != '"')
            {
                if (line[i] == '\\')
                {
                    i++;
                    value.Append(line[i] switch { 'n' => '\n', var c => c });
                }
                else
                {
                    value.Append(line[i]);
                }

                i++;
            }

            labels[label] = value.ToString();
            i++;
            if (line[i] == ',')
            {
                i++;
            }
        }

        return i + 1;
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
