namespace Payments.Architecture.Tests;

/// <summary>The src/ projects and what each can reach through its project references.</summary>
public sealed class ProjectGraph(IReadOnlyDictionary<string, SourceProject> projects)
{
    public IReadOnlyDictionary<string, SourceProject> Projects => projects;

    /// <summary><paramref name="name"/> and every project it references, directly or not.</summary>
    public IReadOnlyList<SourceProject> Closure(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([name]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var reference in projects[next].References)
                {
                    pending.Push(reference);
                }
            }
        }

        return seen.Select(n => projects[n]).ToList();
    }

    /// <summary>What in the closure of <paramref name="name"/> belongs to a forbidden technology: a package, the ASP.NET Core framework or the Web SDK.</summary>
    public IReadOnlyList<string> ForbiddenIn(string name, IReadOnlyList<string> packagePrefixes) =>
        Closure(name).SelectMany(p =>
                p.Packages.Where(package => packagePrefixes.Any(prefix => package.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))).Select(package => $"{p.Name} -> package {package}")
                    .Concat(p.Frameworks.Where(f => f.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)).Select(f => $"{p.Name} -> framework {f}"))
                    .Concat(p.Sdk.EndsWith(".Web", StringComparison.Ordinal) ? [$"{p.Name} -> SDK {p.Sdk}"] : []))
            .ToList();
}
