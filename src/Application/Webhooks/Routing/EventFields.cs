using System.Text.Json;

namespace Payments.Application.Webhooks.Routing;

/// <summary>
/// An event as EventBridge matches it: every scalar under its dotted path, arrays spread into their elements (at any
/// depth, also arrays of objects). Objects, empty arrays and empty objects contribute no value, so a pattern leaf
/// on them sees an absent field.
/// </summary>
internal sealed class EventFields
{
    private static readonly IReadOnlyList<EventField> None = [];

    private readonly Dictionary<string, List<EventField>> _byPath = new(StringComparer.Ordinal);
    private int _arrays;

    private EventFields()
    {
    }

    public static EventFields Of(JsonElement envelope)
    {
        if (envelope.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("An event is a JSON object.", nameof(envelope));
        }

        var fields = new EventFields();
        fields.Add(envelope, "", []);
        return fields;
    }

    public IReadOnlyList<EventField> At(string path) => _byPath.TryGetValue(path, out var values) ? values : None;

    private void Add(JsonElement node, string path, IReadOnlyList<KeyValuePair<int, int>> elements)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject())
                {
                    Add(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", elements);
                }

                break;
            case JsonValueKind.Array:
                var array = _arrays++;
                var index = 0;
                foreach (var element in node.EnumerateArray())
                {
                    Add(element, path, [.. elements, new KeyValuePair<int, int>(array, index++)]);
                }

                break;
            default:
                if (!_byPath.TryGetValue(path, out var values))
                {
                    _byPath[path] = values = [];
                }

                values.Add(new EventField(node, elements));
                break;
        }
    }
}
