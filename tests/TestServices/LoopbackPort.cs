using System.Net;
using System.Net.Sockets;

namespace Payments.TestServices;

/// <summary>Free TCP ports on 127.0.0.1 only: tests never listen on or dial anything but loopback.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitUntilListening(int port, TimeSpan timeout, Func<string> diagnostics)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                // fall through to the timeout report
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within {timeout}. {diagnostics()}");
            }
        }
    }
}
