using System.CommandLine;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Payments.Bench.Micro;

/// <summary>
/// `bench micro [--quick] [BenchmarkDotNet arguments]`: BenchmarkDotNet over the domain and event-store
/// hot paths. Depends only on Domain and EventStore so it measures pure code, no storage or hosts.
/// </summary>
internal static class MicroBenchmarkCommand
{
    private static readonly Type[] Benchmarks =
    [
        typeof(FoldBenchmarks),
        typeof(CodecBenchmarks),
        typeof(HashChainBenchmarks),
        typeof(RequestValidationBenchmarks),
    ];

    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Few iterations (BenchmarkDotNet ShortRun): rough figures for every benchmark in under two minutes on two cores" };
        var command = new Command("micro", "BenchmarkDotNet micro-benchmarks (fold, codec, hash chain, request validation); other arguments go to BenchmarkDotNet, e.g. --filter '*Fold*' or --list flat")
        {
            quick,
        };

        // BenchmarkDotNet has its own options (--filter, --list, --exporters, ...): pass them through untouched.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => Run(parse.GetValue(quick), [.. parse.UnmatchedTokens]));
        return command;
    }

    private static int Run(bool quick, string[] arguments)
    {
        var summaries = BenchmarkSwitcher.FromTypes(Benchmarks).Run(WithFilter(arguments), Config(quick)).ToList();
        if (summaries.Count == 0)
        {
            // Nothing ran: a filter that matched nothing is a mistake, a listing is not.
            return arguments.Contains("--list", StringComparer.Ordinal) ? 0 : 1;
        }

        return summaries.All(s => !s.HasCriticalValidationErrors && s.Reports.All(r => r.Success)) ? 0 : 1;
    }

    /// <summary>Without a filter the switcher asks on the console which benchmark to run; run them all instead.</summary>
    private static string[] WithFilter(string[] arguments) =>
        arguments.Any(a => a is "--filter" or "-f") ? arguments : [.. arguments, "--filter", "*"];

    private static IConfig Config(bool quick)
    {
        // In-process: the default toolchain generates, restores and builds a child project per run,
        // which costs minutes on two cores and cannot find the host project because the assembly
        // (Payments.Bench) is not named like its project file (Bench.csproj).
        var job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        return ManualConfig.Create(DefaultConfig.Instance).AddJob(job);
    }
}
