using System.Text.Json;

namespace Payments.Application.Webhooks.Routing;

/// <summary>
/// One scalar of a flattened event and the array elements it sits in (array number → index), so that two fields
/// matched from objects inside the same array are only combined when they come from the same element.
/// </summary>
internal sealed record EventField(JsonElement Value, IReadOnlyList<KeyValuePair<int, int>> Elements);
