namespace Payments.Application.Webhooks.Routing;

/// <summary>
/// One field of an event pattern, by its dotted path (<c>detail.version</c>): the field matches when any of
/// <see cref="Alternatives"/> accepts one of its values, or, when <see cref="MatchesAbsence"/> (<c>exists: false</c>),
/// when the event has no value there at all.
/// </summary>
internal sealed record PatternLeaf(string Path, IReadOnlyList<ValueMatcher> Alternatives, bool MatchesAbsence)
{
    public bool Accepts(EventField value) => Alternatives.Any(a => a.Accepts(value.Value));
}
