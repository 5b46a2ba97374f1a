using System.Globalization;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Payments.Application.Webhooks.Routing;

namespace Payments.Application.Tests.Webhooks.Routing;

public sealed class EventPatternProperties
{
    private static readonly string[] Keys = ["source", "state", "c-count", "detail", "meta", "tags"];
    private static readonly string[] Words = ["payments.ledger", "Payments.Ledger", "running", "RUNNING", "", "a", "ab", "aba", "PaymentCompleted", "10.0.0.7"];
    private static readonly decimal[] Numbers = [-3, 0, 1, 2.5m, 42, 301.8m, 1000];

    private static readonly Gen<JsonNode?> Scalars = Gen.OneOf(
        Gen.Elements(Words).Select(w => (JsonNode?)JsonValue.Create(w)),
        Gen.Elements(Numbers).Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Elements<JsonNode?>(JsonValue.Create(true), JsonValue.Create(false), null));

    private static readonly Gen<JsonObject> Events = Objects(depth: 2);

    /// <summary>A way to turn one of the event's own values into a leaf that accepts it.</summary>
    private static readonly Gen<int> Forms = Gen.Choose(0, 5);

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Pattern_built_from_the_events_own_values_matches_it() =>
        Prop.ForAll(Arb.From(Events), Arb.From(Forms.ListOf()), (json, forms) =>
        {
            var leaves = Leaves(json).ToList();
            var pattern = new JsonObject();
            for (var i = 0; i < leaves.Count; i += 2)
            {
                var (path, value) = leaves[i];
                Put(pattern, path, AcceptingLeaf(value, forms.Count == 0 ? i : forms[i % forms.Count]));
            }

            return leaves.Count == 0 || EventPattern.Parse(pattern.ToJsonString()).Matches(json.ToJsonString());
        });

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Anything_but_a_value_never_matches_that_value_and_always_matches_another() =>
        Prop.ForAll(Arb.From(Gen.Elements(Words)), Arb.From(Gen.Elements(Words)), (value, other) =>
        {
            var json = $$$"""{"detail":{"state":{{{Json(value)}}}}}""";
            bool Matches(string excluded) => EventPattern.Parse($$$"""{"detail":{"state":[{"anything-but":{{{excluded}}}}]}}""").Matches(json);

            return !Matches(Json(value)) && !Matches($"[{Json(other)},{Json(value)}]") && (value == other || Matches(Json(other)));
        });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Exactly_one_of_exists_true_and_exists_false_matches_any_path() =>
        Prop.ForAll(Arb.From(Events), Arb.From(Gen.Elements(Keys).NonEmptyListOf()), (json, keys) =>
        {
            var path = keys.Take(3).ToList();
            bool Matches(bool exists)
            {
                var pattern = new JsonObject();
                Put(pattern, path, new JsonArray(new JsonObject { ["exists"] = exists }));
                return EventPattern.Parse(pattern.ToJsonString()).Matches(json.ToJsonString());
            }

            return Matches(true) != Matches(false);
        });

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Wildcard_between_stars_is_substring_and_prefix_star_is_prefix() =>
        Prop.ForAll(Arb.From(Gen.Elements(Words)), Arb.From(Gen.Elements(Words).Where(w => w.Length > 0)), (value, piece) =>
        {
            var json = $$"""{"v":{{Json(value)}}}""";
            bool Matches(string wildcard) => EventPattern.Parse($$"""{"v":[{"wildcard":{{Json(wildcard)}}}]}""").Matches(json);

            return Matches($"*{piece}*") == value.Contains(piece, StringComparison.Ordinal)
                && Matches($"{piece}*") == value.StartsWith(piece, StringComparison.Ordinal)
                && Matches($"*{piece}") == value.EndsWith(piece, StringComparison.Ordinal)
                && Matches(piece) == (value == piece);
        });

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Numeric_ranges_agree_with_comparison() =>
        Prop.ForAll(Arb.From(Gen.Elements(Numbers)), Arb.From(Gen.Elements(Numbers)), Arb.From(Gen.Elements(Numbers)), (value, low, high) =>
        {
            var json = $$"""{"n":{{Text(value)}}}""";
            bool Matches(string terms) => EventPattern.Parse($$"""{"n":[{"numeric":[{{terms}}]}]}""").Matches(json);

            return Matches($"\">\",{Text(low)}") == (value > low)
                && Matches($"\"<=\",{Text(high)}") == (value <= high)
                && Matches($"\"=\",{Text(low)}") == (value == low)
                && (low >= high || Matches($"\">=\",{Text(low)},\"<\",{Text(high)}") == (value >= low && value < high));
        });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Or_of_two_patterns_matches_when_either_does() =>
        Prop.ForAll(Arb.From(Events), Arb.From(Gen.Elements(Words)), Arb.From(Gen.Elements(Keys)), (json, word, key) =>
        {
            var left = $$"""{"{{key}}":[{{Json(word)}}]}""";
            var right = $$$"""{"detail":{"state":[{"prefix":{{{Json(word)}}}}]}}""";
            var either = $$"""{"$or":[{{left}},{{right}}]}""";
            var text = json.ToJsonString();

            return EventPattern.Parse(either).Matches(text) == (EventPattern.Parse(left).Matches(text) || EventPattern.Parse(right).Matches(text));
        });

    private static Gen<JsonObject> Objects(int depth)
    {
        var values = depth == 0
            ? Gen.OneOf(Scalars, Scalars.NonEmptyListOf().Select(l => (JsonNode?)new JsonArray([.. l.Select(n => n?.DeepClone())])))
            : Gen.OneOf(Scalars, Scalars.NonEmptyListOf().Select(l => (JsonNode?)new JsonArray([.. l.Select(n => n?.DeepClone())])), Objects(depth - 1).Select(o => (JsonNode?)o));
        return Gen.Elements(Keys).Zip(values).NonEmptyListOf().Select(fields =>
        {
            var json = new JsonObject();
            foreach (var (key, value) in fields.Take(4))
            {
                json[key] = value?.DeepClone();
            }

            return json;
        });
    }

    /// <summary>Every scalar of the event with its path; array elements are listed under the array's path.</summary>
    private static IEnumerable<(List<string> Path, JsonNode? Value)> Leaves(JsonObject json, List<string>? prefix = null)
    {
        foreach (var (key, value) in json)
        {
            List<string> path = [.. prefix ?? [], key];
            switch (value)
            {
                case JsonObject inner:
                    foreach (var leaf in Leaves(inner, path))
                    {
                        yield return leaf;
                    }

                    break;
                case JsonArray array:
                    foreach (var element in array)
                    {
                        yield return (path, element);
                    }

                    break;
                default:
                    yield return (path, value);
                    break;
            }
        }
    }

    private static JsonArray AcceptingLeaf(JsonNode? value, int form)
    {
        JsonNode? operand = value switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => (form % 6) switch
            {
                0 => JsonValue.Create(s),
                1 => new JsonObject { ["prefix"] = s[..(s.Length / 2)] },
                2 => new JsonObject { ["suffix"] = new JsonObject { ["equals-ignore-case"] = s[(s.Length / 2)..].ToUpperInvariant() } },
                3 => new JsonObject { ["equals-ignore-case"] = s.ToLowerInvariant() },
                4 => new JsonObject { ["wildcard"] = s.Length < 2 ? "*" : $"{s[..1]}*{s[^1..]}" },
                _ => new JsonObject { ["anything-but"] = s + "-other" },
            },
            JsonValue v when v.TryGetValue<decimal>(out var n) => (form % 4) switch
            {
                0 => JsonValue.Create(n),
                1 => new JsonObject { ["numeric"] = new JsonArray("=", n) },
                2 => new JsonObject { ["numeric"] = new JsonArray(">=", n, "<", n + 1) },
                _ => new JsonObject { ["anything-but"] = new JsonArray(n + 1, n - 1) },
            },
            _ => form % 2 == 0 ? value?.DeepClone() : new JsonObject { ["exists"] = true },
        };
        return new JsonArray(operand);
    }

    private static void Put(JsonObject pattern, List<string> path, JsonArray leaf)
    {
        var node = pattern;
        foreach (var key in path.SkipLast(1))
        {
            if (node[key] is not JsonObject next)
            {
                node[key] = next = new JsonObject();
            }

            node = next;
        }

        node[path[^1]] = leaf;
    }

    private static string Json(string value) => JsonValue.Create(value).ToJsonString();

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
