using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Payments.Functions.Tests.Lambda.Runtime;

/// <summary>The Lambda Runtime API as AWS documents it, served on a free loopback port, one queued event at a time.</summary>
internal sealed class FakeLambdaRuntime : IAsyncDisposable
{
    private readonly Channel<(string Id, string Body, DateTimeOffset Deadline)> _pending = Channel.CreateUnbounded<(string, string, DateTimeOffset)>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<LambdaOutcome>> _outcomes = new();
    private readonly WebApplication _app;

    private FakeLambdaRuntime(WebApplication app) => _app = app;

    public string Address { get; private set; } = "";

    public TaskCompletionSource<string> InitError { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeLambdaRuntime> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var runtime = new FakeLambdaRuntime(builder.Build());
        runtime.Map();
        await runtime._app.StartAsync();
        runtime.Address = new Uri(runtime._app.Urls.Single()).Authority;
        return runtime;
    }

    public Task<LambdaOutcome> Invoke(string eventJson, TimeSpan? timeout = null)
    {
        var id = Guid.NewGuid().ToString("D");
        var outcome = _outcomes.GetOrAdd(id, _ => new TaskCompletionSource<LambdaOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        _pending.Writer.TryWrite((id, eventJson, DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromMinutes(5))));
        return outcome.Task.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>The X-Ray header this runtime sends with invocation <paramref name="requestId"/>.</summary>
    public static string TraceHeader(string requestId) => $"Root=1-5e1b4151-{requestId.Replace("-", "", StringComparison.Ordinal)[..24]};Sampled=1";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map()
    {
        _app.MapGet("/2018-06-01/runtime/invocation/next", async (HttpContext http) =>
        {
            var (id, body, deadline) = await _pending.Reader.ReadAsync(http.RequestAborted);
            http.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = id;
            http.Response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["Lambda-Runtime-Trace-Id"] = TraceHeader(id);
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(body);
        });
        _app.MapPost("/2018-06-01/runtime/invocation/{id}/response", async (string id, HttpContext http) =>
        {
            Complete(id, new LambdaOutcome(await Body(http), null, null));
            return Results.Accepted();
        });
        _app.MapPost("/2018-06-01/runtime/invocation/{id}/error", async (string id, HttpContext http) =>
        {
            Complete(id, new LambdaOutcome(null, await Body(http), http.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString()));
            return Results.Accepted();
        });
        _app.MapPost("/2018-06-01/runtime/init/error", async (HttpContext http) =>
        {
            InitError.TrySetResult(await Body(http));
            return Results.Accepted();
        });
    }

    private void Complete(string id, LambdaOutcome outcome) =>
        _outcomes.GetOrAdd(id, _ => new TaskCompletionSource<LambdaOutcome>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(outcome);

    private static async Task<string> Body(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        return await reader.ReadToEndAsync();
    }
}
