using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Payments.Embedded;

namespace Payments.Bench;

/// <summary>
/// A real `payments serve` in its own process, as a user runs it: the `payments` executable built next to the bench
/// (the bench references the Functions project), on a free loopback port over a temporary data directory, with one known
/// API key and the key files outside the data directory. Disposing kills it and deletes the directory.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    public const string ClientId = "bench";
    public const string Key = "bench-key-0123456789abcdef";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly string _root;
    private readonly ConcurrentQueue<string> _lastLines = new();

    private ServeProcess(Process process, string root, Uri address)
    {
        _process = process;
        _root = root;
        Address = address;
        Files = new DataDirectoryLayout(Path.Combine(root, "data"));
    }

    public Uri Address { get; }

    public DataDirectoryLayout Files { get; }

    /// <summary>Starts `serve` with <paramref name="environment"/> (PAYMENTS_* settings) and returns once /health/ready answers 200.</summary>
    public static async Task<ServeProcess> Start(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "payments.dll");
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException("the payments executable is not next to the bench; build src/Bench (it references src/Functions)", executable);
        }

        var root = Path.Combine(Path.GetTempPath(), "payments-bench-serve-" + Guid.NewGuid().ToString("N"));
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     executable, "serve", "--urls", address.ToString().TrimEnd('/'), "--data-dir", Path.Combine(root, "data"),
                     "--webhook-key-file", Path.Combine(root, "keys", "webhook-secrets.key"), "--audit-key-file", Path.Combine(root, "keys", "audit-signing-key.pem"),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        // The run is what the bench says it is: no PAYMENTS_* setting leaks in from the caller's shell.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("PAYMENTS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["PAYMENTS_API_KEYS"] = $"{ClientId}:{Key}";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var serve = new ServeProcess(process, root, address);
        process.OutputDataReceived += (_, line) => serve.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => serve.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await serve.WaitUntilReady(cancellationToken);
            return serve;
        }
        catch
        {
            await serve.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task WaitUntilReady(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"serve exited with {_process.ExitCode}:\n{string.Join('\n', _lastLines)}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"serve was not ready within {StartTimeout.TotalSeconds:F0} s:\n{string.Join('\n', _lastLines)}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lastLines.Enqueue(line);
        while (_lastLines.Count > 40 && _lastLines.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
