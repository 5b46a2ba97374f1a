using Microsoft.Extensions.Options;

namespace Payments.Functions.Hosting;

/// <summary>Where every setting comes from: <c>PAYMENTS_*</c> environment variables, overridden by command-line options.</summary>
public static class PaymentsConfiguration
{
    public const string EnvironmentPrefix = "PAYMENTS_";

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
            throw new OptionsValidationException(nameof(ServeOptions), typeof(ServeOptions), result.Failures);
        }
    }
}
