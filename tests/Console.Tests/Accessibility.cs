using System.Text.Json;
using Microsoft.Playwright;
using Payments.TestServices;

namespace Payments.Console.Tests;

/// <summary>axe-core (npm, pinned in package.json) injected into the page; any serious or critical violation fails the test.</summary>
internal static class Accessibility
{
    private static readonly string AxeScript = Path.Combine(RepositoryRoot.NodeModules("axe-core"), "axe.min.js");

    public static async Task AssertNoSeriousViolations(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var json = await page.EvaluateAsync<string>(
            """
            async () => {
              const result = await axe.run(document, { resultTypes: ["violations"] });
              return JSON.stringify(result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(" ")) })));
            }
            """);
        using var violations = JsonDocument.Parse(json);
        Assert.True(violations.RootElement.GetArrayLength() == 0, $"axe found serious or critical violations on {page.Url}: {json}");
    }
}
