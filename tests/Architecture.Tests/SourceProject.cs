using System.Xml.Linq;

namespace Payments.Architecture.Tests;

/// <summary>One project under src/ as its project file declares it: SDK, packages, framework and project references.</summary>
public sealed record SourceProject(string Name, string Sdk, IReadOnlySet<string> Packages, IReadOnlySet<string> Frameworks, IReadOnlySet<string> References)
{
    /// <summary>Every project under src/, keyed by folder name (Domain, Application, Embedded, …).</summary>
    public static IReadOnlyDictionary<string, SourceProject> LoadAll(string repositoryRoot) =>
        Directory.GetFiles(Path.Combine(repositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Load)
            .ToDictionary(p => p.Name, StringComparer.Ordinal);

    public static SourceProject Load(string path)
    {
        var xml = XDocument.Load(path);
        var root = xml.Root!;
        IReadOnlySet<string> Items(string kind, Func<string, string> name) =>
            root.Descendants(kind).Select(e => (string?)e.Attribute("Include")).OfType<string>().Select(name).ToHashSet(StringComparer.Ordinal);
        return new SourceProject(
            Path.GetFileName(Path.GetDirectoryName(path)!),
            (string?)root.Attribute("Sdk") ?? "",
            Items("PackageReference", p => p),
            Items("FrameworkReference", f => f),
            Items("ProjectReference", r => Path.GetFileName(Path.GetDirectoryName(r.Replace('\\', '/'))!)));
    }
}
