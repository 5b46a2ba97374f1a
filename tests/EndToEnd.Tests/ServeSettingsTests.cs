using System.Diagnostics;
using Payments.TestServices;

namespace Payments.EndToEnd.Tests;

/// <summary>`serve` refuses a bad setting up front: non-zero exit, a message naming the setting, nothing created.</summary>
public sealed class ServeSettingsTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "payments-settings-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Out_of_range_environment_setting_stops_serve_naming_the_variable()
    {
        var start = ServeProcess.Serve(_dataDirectory, "acme:acme-secret-key", LoopbackPort.Free());
        start.Environment["PAYMENTS_WORKER__CONCURRENCY"] = "0";

        var (exit, error) = await Run(start);

        Assert.Equal(2, exit);
        Assert.Contains("PAYMENTS_WORKER__CONCURRENCY", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDirectory));
    }

    [Fact]
    public async Task Invalid_per_client_rate_limit_stops_serve_naming_the_variable()
    {
        var start = ServeProcess.Serve(_dataDirectory, "shop:shop-secret-key", LoopbackPort.Free());
        start.Environment["PAYMENTS_RATELIMIT__CLIENTS__shop__PERMITSPERSECOND"] = "0";

        var (exit, error) = await Run(start);

        Assert.Equal(2, exit);
        Assert.Contains("PAYMENTS_RATELIMIT__CLIENTS__shop__PERMITSPERSECOND", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDirectory));
    }

    [Fact]
    public async Task Out_of_range_command_line_option_stops_serve_naming_the_option()
    {
        var (exit, error) = await Run(ServeProcess.Serve(_dataDirectory, "acme:acme-secret-key", LoopbackPort.Free(), "--ramp-failure-rate", "1.5"));

        Assert.Equal(2, exit);
        Assert.Contains("--ramp-failure-rate", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDirectory));
    }

    [Fact]
    public async Task A_webhook_key_file_inside_the_data_directory_stops_serve_naming_the_option()
    {
        var keyFile = Path.Combine(_dataDirectory, "webhook.key");

        var (exit, error) = await Run(ServeProcess.Serve(_dataDirectory, "acme:acme-secret-key", LoopbackPort.Free(), "--webhook-key-file", keyFile));

        Assert.Equal(2, exit);
        Assert.Contains("--webhook-key-file", error, StringComparison.Ordinal);
        Assert.Contains("inside the data directory", error, StringComparison.Ordinal);
        Assert.False(File.Exists(keyFile));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static async Task<(int Exit, string Error)> Run(ProcessStartInfo start)
    {
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await error);
    }
}
