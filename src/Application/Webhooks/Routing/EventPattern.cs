using System.Text.Json;

namespace Payments.Application.Webhooks.Routing;

/// <summary>
/// An EventBridge event pattern, matched in process with EventBridge's semantics (AWS's event-pattern documentation and
/// its matcher, Event Ruler): every field of the pattern must match (AND), a field matches when any of its values does
/// (OR), <c>$or</c> forks the pattern into alternatives, objects descend, and an event array matches when one of its
/// elements does — fields taken from objects inside one array must come from the same element. Literals match by
/// equality (numbers by value); the operators are prefix, suffix, equals-ignore-case (alone or inside prefix and
/// suffix), wildcard (<c>*</c>), anything-but (a value, a list, or prefix, suffix, equals-ignore-case or wildcard),
/// numeric, exists and cidr. Parsing refuses anything else with a <see cref="FormatException"/>, so the shared rules
/// are checked when the router starts rather than silently matching differently from the cloud.
/// </summary>
public sealed class EventPattern
{
    private readonly IReadOnlyList<IReadOnlyList<PatternLeaf>> _branches;

    private EventPattern(IReadOnlyList<IReadOnlyList<PatternLeaf>> branches) => _branches = branches;

    public static EventPattern Parse(string patternJson) => new(EventPatternGrammar.Parse(patternJson));

    public bool Matches(string eventJson)
    {
        using var document = JsonDocument.Parse(eventJson);
        return Matches(document.RootElement);
    }

    public bool Matches(JsonElement envelope) => Matches(EventFields.Of(envelope));

    /// <summary>For a caller matching one event against several patterns: the event is flattened once.</summary>
    internal bool Matches(EventFields fields) => _branches.Any(branch => Satisfies(branch, 0, fields, []));

    /// <summary>
    /// Picks, leaf by leaf, a value the leaf accepts that sits in the same array elements as the values picked so far;
    /// backtracks when a later leaf finds none. Events are small, so the search is too.
    /// </summary>
    private static bool Satisfies(IReadOnlyList<PatternLeaf> branch, int next, EventFields fields, Dictionary<int, int> elements)
    {
        if (next == branch.Count)
        {
            return true;
        }

        var leaf = branch[next];
        var values = fields.At(leaf.Path);
        if (values.Count == 0)
        {
            return leaf.MatchesAbsence && Satisfies(branch, next + 1, fields, elements);
        }

        foreach (var value in values.Where(leaf.Accepts))
        {
            if (!value.Elements.All(e => !elements.TryGetValue(e.Key, out var index) || index == e.Value))
            {
                continue;
            }

            var added = value.Elements.Where(e => elements.TryAdd(e.Key, e.Value)).Select(e => e.Key).ToList();
            if (Satisfies(branch, next + 1, fields, elements))
            {
                return true;
            }

            added.ForEach(key => elements.Remove(key));
        }

        return false;
    }
}
