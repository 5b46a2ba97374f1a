namespace Payments.Functions.OperatorConsole.Live;

/// <summary>One small chart: a title, the unit of its values, and one value per slot, oldest first (null: nothing measured).</summary>
public sealed record LiveChart(string Title, string Unit, IReadOnlyList<double?> Values)
{
    public double? Last => Values.LastOrDefault(v => v is not null);
}
