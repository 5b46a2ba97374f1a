using System.Globalization;
using Payments.Functions.Api;

namespace Payments.Functions.Cli.Replay;

/// <summary>
/// A replay for people, 120 columns wide: one row per event with the status after it and what changed. Long values
/// (a provider's reason) wrap inside the last column rather than being cut: an auditor reads this to see everything.
/// </summary>
internal static class ReplayTable
{
    private const int Width = 120;
    private static readonly int ChangesAt = Line("", "", "", "", "x").Length - 1;
    private static readonly int ChangesWidth = Width - ChangesAt;

    public static async Task Write(Guid paymentId, PaymentReplay replay, TextWriter output)
    {
        var last = replay.Steps.Count > 0 ? replay.Steps[^1].After : null;
        await output.WriteLineAsync(last is null
            ? $"payment {paymentId}"
            : $"payment {paymentId}  client {last.ClientId}  {replay.Steps.Count} events  {PaymentResponses.StatusName(last.Status)} at v{last.Version}");
        await output.WriteLineAsync(Line("V", "RECORDED AT (UTC)", "EVENT", "STATUS", "CHANGES"));
        foreach (var step in replay.Steps)
        {
            var lines = Pack(PaymentChanges.Between(step.Before, step.After));
            await output.WriteLineAsync(Line(
                step.Stored.Version.ToString(CultureInfo.InvariantCulture),
                step.Stored.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                step.Stored.Type,
                PaymentResponses.StatusName(step.After.Status),
                lines[0]));
            foreach (var more in lines.Skip(1))
            {
                await output.WriteLineAsync(new string(' ', ChangesAt) + more);
            }
        }
    }

    private static string Line(string version, string recordedAt, string type, string status, string changes) =>
        $"{version,3}  {recordedAt,-23}  {type,-24}  {status,-10}  {changes}".TrimEnd();

    /// <summary>Changes side by side while they fit the column, comma-separated; a change too wide for it wraps.</summary>
    private static List<string> Pack(IReadOnlyList<string> changes)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var change in changes)
        {
            if (current.Length > 0 && current.Length + 2 + change.Length <= ChangesWidth)
            {
                current += ", " + change;
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(current);
            }

            var wrapped = Wrap(change).ToList();
            lines.AddRange(wrapped[..^1]);
            current = wrapped[^1];
        }

        lines.Add(current);
        return lines;
    }

    /// <summary>Splits at the last space that fits, or mid-word when a word alone is wider than the column.</summary>
    private static IEnumerable<string> Wrap(string text)
    {
        var rest = text;
        var indent = "";
        while (indent.Length + rest.Length > ChangesWidth)
        {
            var room = ChangesWidth - indent.Length;
            var space = rest.LastIndexOf(' ', room);
            var at = space > 0 ? space : room;
            yield return indent + rest[..at];
            rest = rest[at..].TrimStart();
            indent = "  ";
        }

        yield return indent + rest;
    }
}
