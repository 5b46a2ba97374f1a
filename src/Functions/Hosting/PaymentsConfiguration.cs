using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Payments.Functions.Hosting;

/// <summary>Where every setting comes from: <c>PAYMENTS_*</c> environment variables, overridden by command-line options.</summary>
public static partial class PaymentsConfiguration
{
    public const string EnvironmentPrefix = "PAYMENTS_";

    /// <summary>Settings whose key is not their property path (<see cref="ConfigurationKeyNameAttribute"/>).</summary>
    private static readonly Dictionary<string, string> KeyNames = new(StringComparer.Ordinal)
    {
        ["DataDirectory"] = "DATA_DIR",
        ["ApiKeys"] = "API_KEYS",
        ["WebhookKeyFile"] = "WEBHOOK_KEY_FILE",
        ["AuditKeyFile"] = "AUDIT_KEY_FILE",
    };

    /// <summary>The `serve` options that set a setting, so a refusal names what the user actually typed.</summary>
    private static readonly Dictionary<string, string> CommandLineOptions = new(StringComparer.Ordinal)
    {
        ["Urls"] = "--urls",
        ["DataDirectory"] = "--data-dir",
        ["Worker.Concurrency"] = "--concurrency",
        ["Ramps.FailureRate"] = "--ramp-failure-rate",
        ["Ramps.Seed"] = "--ramp-seed",
        ["WebhookKeyFile"] = "--webhook-key-file",
        ["AuditKeyFile"] = "--audit-key-file",
    };

    public static IConfiguration Build(IEnumerable<KeyValuePair<string, string?>> commandLine) =>
        new ConfigurationBuilder().AddEnvironmentVariables(EnvironmentPrefix).AddInMemoryCollection(commandLine).Build();

    /// <summary>Binds and validates; a failure names every bad setting.</summary>
    /// <exception cref="OptionsValidationException">A setting is missing, malformed or out of range.</exception>
    public static ServeOptions Serve(IConfiguration configuration)
    {
        var options = new ServeOptions();
        try
        {
            configuration.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // The binder's own message names the key and the value it could not convert.
            throw new OptionsValidationException(nameof(ServeOptions), typeof(ServeOptions), [e.Message + (e.InnerException is { } inner ? " " + inner.Message : "")]);
        }

        Validate(options);
        return options;
    }

    /// <exception cref="OptionsValidationException">A setting is out of range.</exception>
    public static void Validate(ServeOptions options)
    {
        var result = new ServeOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(nameof(ServeOptions), typeof(ServeOptions), result.Failures.Select(NameTheSetting));
        }
    }

    /// <summary>Prefixes a validation failure with the environment variable (and option) that sets the member it is about.</summary>
    private static string NameTheSetting(string failure)
    {
        var match = MemberPath().Match(failure);
        if (!match.Success)
        {
            return failure;
        }

        var path = match.Groups["path"].Value;
        var variable = EnvironmentPrefix + (KeyNames.TryGetValue(path, out var key) ? key : path.Replace(".", "__", StringComparison.Ordinal).ToUpperInvariant());
        return CommandLineOptions.TryGetValue(path, out var option) ? $"{variable} ({option}): {failure}" : $"{variable}: {failure}";
    }

    [GeneratedRegex(@"ServeOptions\.(?<path>[A-Za-z][A-Za-z.]*[A-Za-z])")]
    private static partial Regex MemberPath();
}
