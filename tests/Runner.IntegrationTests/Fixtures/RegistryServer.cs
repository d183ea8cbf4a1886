using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// A docker-registry of a test's own on 127.0.0.1, shaped as the test needs: basic auth from an htpasswd file
/// (<see cref="WithHtpasswdAsync"/>), TLS with a self-signed certificate whose CA the pod is not given
/// (<see cref="WithSelfSignedCertificateAsync"/>), or plain. It can be stopped mid-test, and it is stopped by its PID and
/// its folder removed on dispose.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private readonly string dir;
    private readonly List<string> accessLog = [];
    private Process? process;

    private RegistryServer(string dir, int port)
    {
        this.dir = dir;
        Port = port;
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Address => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>
    /// The registry's access log so far: one line per HTTP request in the combined format docker-registry writes to
    /// stdout whatever its log level (<c>"GET /v2/NAME/blobs/sha256:... HTTP/1.1" 200 ...</c>).
    /// </summary>
    public IReadOnlyList<string> AccessLog
    {
        get
        {
            lock (accessLog)
            {
                return [.. accessLog];
            }
        }
    }

    /// <summary>The self-signed certificate (PEM), which is also its own CA; null without TLS.</summary>
    public string? CertificatePath { get; private set; }

    /// <summary>A plain registry.</summary>
    public static Task<RegistryServer> StartAsync() => StartAsync(auth: null, tls: false);

    /// <summary>The requests answered so far, read from <see cref="AccessLog"/>, in order.</summary>
    public IReadOnlyList<RegistryRequest> Requests => [.. AccessLog.Select(RegistryRequest.Parse).OfType<RegistryRequest>()];

    /// <summary>A registry that lets only <paramref name="user"/> with <paramref name="password"/> in (htpasswd, bcrypt).</summary>
    public static Task<RegistryServer> WithHtpasswdAsync(string user, string password) => StartAsync((user, password), tls: false);

    /// <summary>A registry serving HTTPS with a certificate for 127.0.0.1 signed by nobody the machine trusts.</summary>
    public static Task<RegistryServer> WithSelfSignedCertificateAsync() => StartAsync(auth: null, tls: true);

    /// <summary>Stops the registry (its port then refuses connections); the folder stays until dispose.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process?.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    private static async Task<RegistryServer> StartAsync((string User, string Password)? auth, bool tls)
    {
        var dir = Directory.CreateTempSubdirectory("build-runner-registry-").FullName;
        var server = new RegistryServer(dir, FreePort());
        try
        {
            var config = new List<string>
            {
                "version: 0.1",
                "log: {level: warn}",
                $"storage: {{filesystem: {{rootdirectory: {dir}/data}}, delete: {{enabled: true}}}}",
            };
            var http = $"http: {{addr: {server.Address}";
            if (tls)
            {
                server.CertificatePath = Path.Combine(dir, "cert.pem");
                var key = Path.Combine(dir, "key.pem");
                await Run.CheckedAsync("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", server.CertificatePath);
                http += $", tls: {{certificate: {server.CertificatePath}, key: {key}}}";
            }
            config.Add(http + "}");
            if (auth is var (user, password))
            {
                var htpasswd = Path.Combine(dir, "htpasswd");
                await File.WriteAllTextAsync(htpasswd, await Run.CheckedAsync("htpasswd", "-Bbn", user, password));
                config.Add($"auth: {{htpasswd: {{realm: build-runner-test, path: {htpasswd}}}}}");
            }
            var configPath = Path.Combine(dir, "config.yml");
            await File.WriteAllLinesAsync(configPath, config);

            var start = new ProcessStartInfo("docker-registry") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("serve");
            start.ArgumentList.Add(configPath);
            server.process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
            // The access log (stdout) is kept for tests that check what was fetched; stderr is drained so it never blocks.
            server.process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is string line)
                {
                    lock (server.accessLog)
                    {
                        server.accessLog.Add(line);
                    }
                }
            };
            server.process.ErrorDataReceived += (_, _) => { };
            server.process.BeginOutputReadLine();
            server.process.BeginErrorReadLine();
            await WaitForPortAsync(server);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static async Task WaitForPortAsync(RegistryServer server)
    {
        for (var i = 0; i < 100; i++)
        {
            if (server.process!.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {server.process.ExitCode} before listening on {server.Address}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, server.Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException($"docker-registry is not listening on {server.Address} after 10 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
