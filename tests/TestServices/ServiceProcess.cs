using System.Diagnostics;
using System.Text;

namespace Payments.TestServices;

/// <summary>
/// A real service started for a test run: launched with its output captured, awaited until its
/// loopback port accepts connections, and killed with its children when the fixture ends.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServiceProcess> Start(ProcessStartInfo start, int port, TimeSpan readyTimeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new ServiceProcess(process, port);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {start.FileName}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await LoopbackPort.WaitUntilListening(port, readyTimeout, () => service.Describe());
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    public string Describe() =>
        $"{_process.StartInfo.FileName} {_process.StartInfo.Arguments} (exited: {HasExited()}) output:\n{Output}";

    public async ValueTask DisposeAsync()
    {
        if (!HasExited())
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private bool HasExited()
    {
        try
        {
            return _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
