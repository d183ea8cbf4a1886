using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// An HTTP forward proxy on 127.0.0.1 that records what goes through it. It knows one made-up host name
/// (<see cref="HostName"/>) and sends it to a registry on 127.0.0.1: a client can reach that name only through this
/// proxy, so a pull or push by that name proves the client used the proxy (Go's HTTP client never proxies loopback
/// addresses, hence the name). It tunnels <c>CONNECT</c> and forwards absolute-form requests as they are (the
/// registry, a Go server, accepts them), recording every request line it sees in either. Everything it started ends
/// on dispose.
/// </summary>
public sealed partial class RecordingProxy : IAsyncDisposable
{
    /// <summary>The name only this proxy resolves.</summary>
    public const string HostName = "registry.build-runner.test";

    private readonly ConcurrentQueue<string> requests = new();
    private readonly LoopbackListener listener;
    private readonly int targetPort;

    /// <summary>Starts a proxy that sends <see cref="HostName"/>:<paramref name="targetPort"/> to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public RecordingProxy(int targetPort)
    {
        this.targetPort = targetPort;
        listener = new LoopbackListener((client, _) => ServeAsync(client));
    }

    /// <summary><c>http://127.0.0.1:PORT</c> of the proxy.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{listener.Port}");

    /// <summary>The registry's address by the made-up name: <c>registry.build-runner.test:PORT</c>.</summary>
    public string RegistryAddress => string.Create(CultureInfo.InvariantCulture, $"{HostName}:{targetPort}");

    /// <summary>Every request line seen so far (<c>CONNECT host:port</c>, <c>GET http://host:port/v2/...</c>).</summary>
    public IReadOnlyList<string> Requests => [.. requests];

    /// <inheritdoc />
    public ValueTask DisposeAsync() => listener.DisposeAsync();

    private async Task ServeAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        listener.Track(upstream);
        try
        {
            var stream = client.GetStream();
            var (head, rest) = await ReadHeadAsync(stream);
            var requestLine = head[..head.IndexOf("\r\n", StringComparison.Ordinal)];
            requests.Enqueue(requestLine);
            var parts = requestLine.Split(' ');
            var target = parts[0] == "CONNECT" ? parts[1] : new Uri(parts[1]).Authority;
            if (!string.Equals(target, RegistryAddress, StringComparison.OrdinalIgnoreCase))
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), listener.Stopping);
                return;
            }
            await upstream.ConnectAsync(IPAddress.Loopback, targetPort, listener.Stopping);
            if (parts[0] == "CONNECT")
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 Connection established\r\n\r\n"), listener.Stopping);
            }
            else
            {
                await upstream.GetStream().WriteAsync(Encoding.Latin1.GetBytes(head), listener.Stopping);
            }
            await upstream.GetStream().WriteAsync(rest, listener.Stopping);
            await Task.WhenAll(PumpAsync(client, upstream, record: parts[0] != "CONNECT"), PumpAsync(upstream, client, record: false));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    // The request head up to its blank line, and whatever arrived after it.
    private async Task<(string Head, byte[] Remainder)> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var chunk = new byte[8192];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, listener.Stopping);
            if (read == 0)
            {
                throw new IOException("the client closed before its request head ended");
            }
            buffer.AddRange(chunk.AsSpan(0, read));
            var text = Encoding.Latin1.GetString([.. buffer]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                return (text[..(end + 4)], [.. buffer.Skip(end + 4)]);
            }
        }
    }

    // Copies one direction until its sender is done; on a forwarded (not tunnelled) connection also records the later
    // requests of the kept-alive connection, found by their absolute-form request lines.
    private async Task PumpAsync(TcpClient from, TcpClient to, bool record)
    {
        var carry = "";
        var chunk = new byte[64 * 1024];
        try
        {
            var source = from.GetStream();
            var sink = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(chunk, listener.Stopping)) > 0)
            {
                if (record)
                {
                    var text = carry + Encoding.Latin1.GetString(chunk, 0, read);
                    foreach (Match match in RequestLine().Matches(text))
                    {
                        requests.Enqueue(match.Value.TrimEnd('\r', '\n'));
                    }
                    var lastBreak = text.LastIndexOf('\n');
                    carry = lastBreak >= 0 ? text[(lastBreak + 1)..] : text;
                    carry = carry.Length > 1024 ? "" : carry;
                }
                await sink.WriteAsync(chunk.AsMemory(0, read), listener.Stopping);
            }
            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            from.Dispose();
            to.Dispose();
        }
    }

    [GeneratedRegex(@"(?<=^|\n)(GET|HEAD|POST|PUT|PATCH|DELETE) http://\S+ HTTP/1\.1\r\n")]
    private static partial Regex RequestLine();
}
