using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>What a <see cref="FlakyProxy"/> does to the connections it fails.</summary>
public enum FlakyFailure
{
    /// <summary>Accepts and closes at once: the client reads EOF, as from a registry restarting behind its load balancer.</summary>
    Close,

    /// <summary>Reads what the client sent and answers <c>503 Service Unavailable</c>, as an overloaded registry does.</summary>
    ServiceUnavailable,
}

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a registry that fails the first <c>failFirst</c> connections and forwards every
/// later one. It counts connections, so a test can tell how often the client came back. Everything it started (the
/// listener, each connection and its pumps) ends on dispose.
/// </summary>
public sealed class FlakyProxy : IAsyncDisposable
{
    private static readonly byte[] Unavailable = Encoding.ASCII.GetBytes(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 12\r\nConnection: close\r\n\r\noverloaded\r\n");

    private readonly LoopbackListener listener;
    private readonly int targetPort;
    private readonly int failFirst;
    private readonly FlakyFailure failure;

    /// <summary>Starts a proxy to 127.0.0.1:<paramref name="targetPort"/> that fails the first <paramref name="failFirst"/> connections with <paramref name="failure"/>.</summary>
    public FlakyProxy(int targetPort, int failFirst, FlakyFailure failure)
    {
        this.targetPort = targetPort;
        this.failFirst = failFirst;
        this.failure = failure;
        listener = new LoopbackListener((client, number) => number <= failFirst ? FailAsync(client) : ForwardAsync(client));
    }

    /// <summary><c>127.0.0.1:PORT</c> of the proxy.</summary>
    public string Address => listener.Address;

    /// <summary>How many connections came in so far.</summary>
    public int Connections => listener.Connections;

    /// <summary>How many of them were failed.</summary>
    public int Failed => Math.Min(Connections, failFirst);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => listener.DisposeAsync();

    private async Task FailAsync(TcpClient client)
    {
        try
        {
            if (failure == FlakyFailure.ServiceUnavailable)
            {
                // Read the request first: closing with unread data would reset the connection before the answer is read.
                var stream = client.GetStream();
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(listener.Stopping);
                wait.CancelAfter(TimeSpan.FromSeconds(2));
                _ = await stream.ReadAsync(new byte[64 * 1024], wait.Token);
                await stream.WriteAsync(Unavailable, listener.Stopping);
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        listener.Track(upstream);
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, targetPort, listener.Stopping);
            await Task.WhenAll(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    // Copies one direction until its sender is done, then passes the end on.
    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), listener.Stopping);
            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The other side went away: end this direction too.
            from.Dispose();
            to.Dispose();
        }
    }
}
