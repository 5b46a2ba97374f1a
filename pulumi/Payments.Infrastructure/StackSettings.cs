using Payments.Aws.Topology;
using Pulumi;

namespace Payments.Infrastructure;

/// <summary>
/// What a stack chooses: which <see cref="CloudEnvironment"/> the topology is defined for (<c>payments:environment</c>,
/// with an optional OTLP collector, <c>payments:otlpEndpoint</c>), the browser origins CORS allows on it
/// (<c>payments:allowedOrigins</c>, a list; none by default) and where the Lambda bundle is (<c>payments:bundle</c>);
/// every figure comes from the topology itself.
/// </summary>
public sealed record StackSettings(CloudEnvironment Environment, string BundlePath)
{
    /// <summary>Relative to this project's folder, where Pulumi runs the program: <c>./build.sh publish</c> writes it at the repository root.</summary>
    public const string DefaultBundlePath = "../../artifacts/lambda.zip";

    private static readonly CloudEnvironment[] Environments = [CloudEnvironment.Dev, CloudEnvironment.Prod];

    /// <summary>Reads the stack configuration, so it runs inside <c>Deployment.RunAsync</c>, where <see cref="Config"/> is bound to the stack.</summary>
    public static StackSettings Load()
    {
        var config = new Config("payments");
        var name = config.Require("environment");
        var environment = Environments.SingleOrDefault(e => e.Name == name)
            ?? throw new InvalidOperationException(
                $"payments:environment is '{name}'; expected one of {string.Join(", ", Environments.Select(e => e.Name))}.");
        var bundle = config.Get("bundle") ?? DefaultBundlePath;

        // Optional: the OTLP collector every function exports to; the topology sets PAYMENTS_TELEMETRY__OTLPENDPOINT from it.
        if (config.Get("otlpEndpoint") is { Length: > 0 } otlp)
        {
            environment = environment with { OtlpEndpoint = otlp };
        }

        // The browser apps allowed to call the API are the deployment's to name (a dashboard's domain), not the code's.
        if (config.GetObject<string[]>("allowedOrigins") is { Length: > 0 } origins)
        {
            environment = environment with { AllowedOrigins = origins };
        }

        // A missing bundle would otherwise surface only as an archive error deep inside the engine.
        if (!File.Exists(bundle))
        {
            throw new InvalidOperationException(
                $"Lambda bundle not found at {Path.GetFullPath(bundle)} (payments:bundle); build it with ./build.sh publish.");
        }

        return new StackSettings(environment, bundle);
    }
}
