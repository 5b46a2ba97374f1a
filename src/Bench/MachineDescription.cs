using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Payments.Bench;

/// <summary>The machine a figure was measured on: the first line every load command prints and the head of its JSON.</summary>
internal sealed record MachineDescription(int Cores, string CpuModel, string Os, string Runtime)
{
    public static MachineDescription Current() =>
        new(Environment.ProcessorCount, CpuModelName(), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);

    [JsonIgnore]
    public string Line => $"machine: {Cores} cores, {CpuModel}, {Os}, {Runtime}";

    private static string CpuModelName()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var model = File.Exists(cpuInfo)
            ? File.ReadLines(cpuInfo).FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return model is null ? RuntimeInformation.ProcessArchitecture.ToString() : model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
