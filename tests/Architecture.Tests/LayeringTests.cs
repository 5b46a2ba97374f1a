using Payments.Application.Ledger;
using Payments.Projections.Projector;
using Payments.TestServices;

namespace Payments.Architecture.Tests;

/// <summary>
/// The layers of ARCHITECTURE.md: Domain ← EventStore ← Application ← Projections ← adapters (Embedded, Aws) ← hosts
/// (Functions) ← Bench. Inner layers know no technology; adapters depend inward only; nothing ships the benchmarks.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] Technology = ["Microsoft.AspNetCore", "AWSSDK", "Microsoft.Data.Sqlite", "System.Data.SQLite", "SQLitePCLRaw"];
    private static readonly string[] Inner = ["Domain", "EventStore", "Application", "Projections"];
    private static readonly string[] Adapters = ["Embedded", "Aws"];
    private static readonly string[] Hosts = ["Functions", "Bench"];

    private readonly ProjectGraph _graph = new(SourceProject.LoadAll(RepositoryRoot.Find()));

    [Fact]
    public void Every_source_project_has_a_place_in_the_layers()
    {
        Assert.Equal(Inner.Concat(Adapters).Concat(Hosts).Order(), _graph.Projects.Keys.Order());
    }

    [Theory]
    [InlineData("Domain")]
    [InlineData("EventStore")]
    [InlineData("Application")]
    [InlineData("Projections")]
    public void Inner_project_references_no_web_cloud_or_database_technology(string project)
    {
        Assert.Empty(_graph.ForbiddenIn(project, Technology));
    }

    [Fact]
    public void Domain_references_no_other_project_and_no_package()
    {
        var domain = _graph.Projects["Domain"];
        Assert.Empty(domain.References);
        Assert.Empty(domain.Packages);
    }

    [Theory]
    [InlineData("Embedded")]
    [InlineData("Aws")]
    public void Adapter_depends_inward_only(string adapter)
    {
        var reachable = _graph.Closure(adapter).Select(p => p.Name).Where(n => n != adapter);
        Assert.All(reachable, name => Assert.Contains(name, Inner));
    }

    [Fact]
    public void Functions_hosts_do_not_ship_the_benchmarks()
    {
        Assert.DoesNotContain("Bench", _graph.Closure("Functions").Select(p => p.Name));
        Assert.DoesNotContain(_graph.Closure("Functions").SelectMany(p => p.Packages), p => p.StartsWith("BenchmarkDotNet", StringComparison.Ordinal));
    }

    [Fact]
    public void Application_assembly_loads_no_web_cloud_or_database_assembly()
    {
        var referenced = typeof(PaymentLedger).Assembly.GetReferencedAssemblies()
            .Concat(typeof(PaymentProjector).Assembly.GetReferencedAssemblies())
            .Select(a => a.Name ?? "");
        Assert.DoesNotContain(referenced, name => Technology.Any(t => name.StartsWith(t, StringComparison.OrdinalIgnoreCase)));
    }
}
