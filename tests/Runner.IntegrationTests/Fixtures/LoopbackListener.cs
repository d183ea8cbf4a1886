using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// A TCP listener on 127.0.0.1 that hands each connection to <c>serve</c> and, on dispose, ends everything it started:
/// the listener, every socket tracked (each connection and any upstream the server opens) and the serving tasks.
/// The life cycle the test proxies share.
/// </summary>
public sealed class LoopbackListener : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentBag<TcpClient> sockets = [];
    private readonly ConcurrentBag<Task> pumps = [];
    private readonly Func<TcpClient, int, Task> serve;
    private readonly Task accepting;
    private int connections;

    /// <summary>Starts listening; <paramref name="serve"/> gets each connection and its number (1 for the first).</summary>
    public LoopbackListener(Func<TcpClient, int, Task> serve)
    {
        this.serve = serve;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>The port listened on.</summary>
    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Address => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>Cancelled on dispose: every read, write and connect of the server passes it.</summary>
    public CancellationToken Stopping => stop.Token;

    /// <summary>How many connections came in so far.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Closes <paramref name="socket"/> on dispose too (an upstream connection the server opened).</summary>
    public void Track(TcpClient socket) => sockets.Add(socket);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAny(Task.WhenAll(pumps), Task.Delay(TimeSpan.FromSeconds(5)));
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            sockets.Add(client);
            pumps.Add(serve(client, Interlocked.Increment(ref connections)));
        }
    }
}
