using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Functions.Lambda.Runtime;

namespace Payments.Functions.Tests.Lambda.Runtime;

public sealed class LambdaRuntimeLoopTests : IAsyncLifetime
{
    private FakeLambdaRuntime _runtime = null!;
    private HttpClient _http = null!;
    private readonly CancellationTokenSource _stop = new();

    public async Task InitializeAsync()
    {
        _runtime = await FakeLambdaRuntime.Start();
        _http = LambdaRuntimeClient.CreateHttpClient(_runtime.Address);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _http.Dispose();
        await _runtime.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task Loop_answers_each_invocation_and_reports_a_handler_error_without_stopping()
    {
        var loop = Start((json, _) => json.Contains("boom", StringComparison.Ordinal)
            ? throw new FormatException("bad record")
            : Task.FromResult($"{{\"echo\":{json}}}"));

        var first = await _runtime.Invoke("""{"n":1}""");
        var failed = await _runtime.Invoke("""{"boom":true}""");
        var third = await _runtime.Invoke("""{"n":3}""");

        Assert.Equal("""{"echo":{"n":1}}""", first.Response);
        Assert.Equal("Unhandled", failed.ErrorTypeHeader);
        using var error = JsonDocument.Parse(failed.Error!);
        Assert.Equal("bad record", error.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("FormatException", error.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("""{"echo":{"n":3}}""", third.Response);
        Assert.False(loop.IsCompleted);
    }

    [Fact]
    public async Task Invocation_still_running_at_its_deadline_is_cancelled_and_reported()
    {
        _ = Start(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return "{}";
        });

        var outcome = await _runtime.Invoke("{}", TimeSpan.FromMilliseconds(300));

        Assert.Null(outcome.Response);
        Assert.Contains("Canceled", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_invocation_s_trace_header_is_visible_to_its_handler_as_the_xray_variable()
    {
        var loop = Start((_, _) => Task.FromResult($"\"{Environment.GetEnvironmentVariable(LambdaRuntimeLoop.TraceVariable)}\""));

        var outcome = await _runtime.Invoke("{}");

        Assert.StartsWith("\"Root=1-5e1b4151-", outcome.Response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stuck_handler_is_cancelled_early_enough_to_report_its_error_before_the_deadline()
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3);
        var cancelledAt = DateTimeOffset.MaxValue;
        var loop = Start(async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelledAt = DateTimeOffset.UtcNow;
                throw;
            }

            return "{}";
        });

        var outcome = await _runtime.Invoke("{}", deadline - DateTimeOffset.UtcNow);

        Assert.NotNull(outcome.Error);
        // A second of margin is asked for; half of it is plenty of proof on a loaded machine.
        Assert.True(deadline - cancelledAt > TimeSpan.FromMilliseconds(500), $"cancelled {(deadline - cancelledAt).TotalMilliseconds} ms before the deadline");
    }

    [Fact]
    public async Task Unknown_function_name_is_refused_before_serving()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => LambdaFunctions.Create("no-such-function", new CloudOptions(), NullLoggerFactory.Instance, CancellationToken.None));

        Assert.Contains("projector", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Job_enqueuer_without_queue_url_fails_at_init()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => LambdaFunctions.Create(LambdaFunctions.JobEnqueuer, new CloudOptions(), NullLoggerFactory.Instance, CancellationToken.None));
    }

    [Fact]
    public async Task Api_without_key_hashes_fails_at_init()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => LambdaFunctions.Create(LambdaFunctions.Api, new CloudOptions(), NullLoggerFactory.Instance, CancellationToken.None));
    }

    private Task Start(Func<string, CancellationToken, Task<string>> handler) =>
        Task.Run(() => LambdaRuntimeLoop.Run(new LambdaRuntimeClient(_http), handler, TimeProvider.System, NullLogger.Instance, _stop.Token));
}
