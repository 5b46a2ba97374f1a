using System.Globalization;
using System.Text;

namespace Payments.Bench;

/// <summary>A markdown table padded so it also reads aligned in a terminal: what every load command prints.</summary>
internal sealed class BenchTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public BenchTable Row(params object?[] cells)
    {
        _rows.Add([.. cells.Select(Format)]);
        return this;
    }

    public override string ToString()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        Line(text, headers, widths);
        text.Append('|').AppendJoin('|', widths.Select(w => new string('-', w + 2))).Append("|\n");
        foreach (var row in _rows)
        {
            Line(text, row, widths);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append('|');
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(' ').Append(cells[i].PadLeft(widths[i])).Append(" |");
        }

        text.Append('\n');
    }

    private static string Format(object? cell) => cell switch
    {
        null => "–",
        double d => d.ToString(Math.Abs(d) >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
