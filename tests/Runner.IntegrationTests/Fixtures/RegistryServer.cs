using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>
/// A docker-registry of a test's own on 127.0.0.1 (hack/registry.sh), shaped as registries are in clusters: plain,
/// basic auth from an htpasswd file, TLS with a server certificate signed by a CA made for the test, or both
/// (<see cref="RegistryServerOptions"/>). It can be stopped mid-test; on dispose it is stopped by its PID and its folder
/// removed. The folder lives under <see cref="Base"/>, outside the tmpfs a sandbox puts on /tmp, so a build in a
/// sandbox can read the client files (<see cref="CaPath"/>, <see cref="CertDir"/>, <see cref="CertsDirectory"/>,
/// <see cref="AuthFilePath"/>) where they are.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    /// <summary>Where registry folders live.</summary>
    public const string Base = "/var/lib/build-runner-registry";

    private RegistryServer(string dir, int port, RegistryServerOptions options)
    {
        Dir = dir;
        Port = port;
        Options = options;
    }

    /// <summary>The registry's folder (hack/registry.sh's DIR).</summary>
    public string Dir { get; }

    /// <summary>How it was started.</summary>
    public RegistryServerOptions Options { get; }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Address => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>
    /// The registry's access log so far (DIR/access.log): one line per HTTP request in the combined format docker-registry
    /// writes to stdout whatever its log level (<c>"GET /v2/NAME/blobs/sha256:... HTTP/1.1" 200 ...</c>).
    /// </summary>
    public IReadOnlyList<string> AccessLog
    {
        get
        {
            var path = Path.Combine(Dir, "access.log");
            return File.Exists(path) ? File.ReadAllLines(path) : [];
        }
    }

    /// <summary>The requests answered so far, read from <see cref="AccessLog"/>, in order.</summary>
    public IReadOnlyList<RegistryRequest> Requests => [.. AccessLog.Select(RegistryRequest.Parse).OfType<RegistryRequest>()];

    /// <summary>Every <c>HOST:PORT</c> the certificate and the auth file cover: 127.0.0.1, localhost, then the extra host names.</summary>
    public ImmutableArray<string> Addresses =>
        [.. new[] { "127.0.0.1", "localhost" }.Concat(Options.HostNames).Select(h => string.Create(CultureInfo.InvariantCulture, $"{h}:{Port}"))];

    /// <summary>The test CA that signed the registry's certificate (PEM), or null without TLS.</summary>
    public string? CaPath => Options.Tls ? Path.Combine(Dir, "ca.crt") : null;

    /// <summary>The CA, for tests written before the registry had a CA of its own: the same file as <see cref="CaPath"/>.</summary>
    public string? CertificatePath => CaPath;

    /// <summary>A folder holding only the CA as <c>ca.crt</c>: for the runner's cert-dir setting (buildah <c>--cert-dir</c>) and skopeo's <c>--cert-dir</c>; null without TLS.</summary>
    public string? CertDir => Options.Tls ? Path.Combine(Dir, "cert-dir") : null;

    /// <summary>
    /// A folder in the layout of <c>/etc/containers/certs.d</c>: <c>HOST:PORT/ca.crt</c> for each of <see cref="Addresses"/>;
    /// null without TLS.
    /// </summary>
    public string? CertsDirectory => Options.Tls ? Path.Combine(Dir, "certs.d") : null;

    /// <summary>The user htpasswd lets in, or null without authentication.</summary>
    public string? User => Options.User;

    /// <summary>That user's password, or null.</summary>
    public string? Password => Options.Password;

    /// <summary>A <c>.dockerconfigjson</c> with the right credentials for each of <see cref="Addresses"/> (world-readable); null without authentication.</summary>
    public string? AuthFilePath => Options.User is null ? null : Path.Combine(Dir, "auth.json");

    /// <summary>The scheme clients use.</summary>
    public string Scheme => Options.Tls ? "https" : "http";

    /// <summary>A plain registry (HTTP, no authentication).</summary>
    public static Task<RegistryServer> StartAsync() => StartAsync(new RegistryServerOptions());

    /// <summary>A registry that lets only <paramref name="user"/> with <paramref name="password"/> in (htpasswd, bcrypt), over plain HTTP.</summary>
    public static Task<RegistryServer> WithHtpasswdAsync(string user, string password) =>
        StartAsync(new RegistryServerOptions { User = user, Password = password });

    /// <summary>A registry serving HTTPS with a certificate for 127.0.0.1 signed by a CA nobody the machine trusts (<see cref="CaPath"/>).</summary>
    public static Task<RegistryServer> WithSelfSignedCertificateAsync() => StartAsync(new RegistryServerOptions { Tls = true });

    /// <summary>A registry as clusters have them: HTTPS signed by the test CA, and htpasswd letting only <paramref name="user"/> in.</summary>
    public static Task<RegistryServer> WithTlsAndHtpasswdAsync(string user, string password, params string[] hostNames) =>
        StartAsync(new RegistryServerOptions { Tls = true, User = user, Password = password, HostNames = [.. hostNames] });

    /// <summary>Starts a registry shaped by <paramref name="options"/>.</summary>
    public static async Task<RegistryServer> StartAsync(RegistryServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if ((options.User is null) != (options.Password is null))
        {
            throw new ArgumentException("give both a user and a password, or neither", nameof(options));
        }
        Directory.CreateDirectory(Base);
        File.SetUnixFileMode(Base, (UnixFileMode)0b111_101_101);
        var dir = Path.Combine(Base, Guid.NewGuid().ToString("N"));
        var args = new List<string> { "start", dir };
        if (options.Tls)
        {
            args.Add("--tls");
        }
        if (options.User is string user)
        {
            args.AddRange(["--htpasswd", $"{user}:{options.Password}"]);
        }
        foreach (var host in options.HostNames)
        {
            args.AddRange(["--host", host]);
        }
        var started = await Run.ProcessAsync(Repository.Path_("hack", "registry.sh"), args);
        if (started.ExitCode != 0)
        {
            await Run.ProcessAsync(Repository.Path_("hack", "registry.sh"), ["stop", dir]);
            throw new InvalidOperationException("hack/registry.sh did not start the registry:\n" + started.All);
        }
        var address = started.StandardOutput.Trim();
        var port = int.Parse(address[(address.LastIndexOf(':') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
        return new RegistryServer(dir, port, options);
    }

    /// <summary>
    /// Writes a world-readable <c>.dockerconfigjson</c> at <paramref name="path"/> giving <paramref name="user"/> and
    /// <paramref name="password"/> for each of <see cref="Addresses"/> (wrong ones, for a test of a refusal); returns the path.
    /// </summary>
    public string WriteAuthFile(string path, string user, string password)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        File.WriteAllText(path, "{\"auths\":{" + string.Join(',', Addresses.Select(a => $"\"{a}\":{{\"auth\":\"{auth}\"}}")) + "}}\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        return path;
    }

    /// <summary>
    /// skopeo's options for reading from this registry as a trusting, logged-in client: <c>--cert-dir</c> (or
    /// <c>--tls-verify=false</c> on plain HTTP) and <c>--creds</c>; <paramref name="prefix"/> is <c>""</c> for
    /// inspect, <c>"src-"</c> or <c>"dest-"</c> for copy.
    /// </summary>
    public IReadOnlyList<string> SkopeoOptions(string prefix = "")
    {
        var options = new List<string> { CertDir is string certDir ? $"--{prefix}cert-dir={certDir}" : $"--{prefix}tls-verify=false" };
        if (User is string user)
        {
            options.Add($"--{prefix}creds={user}:{Password}");
        }
        return options;
    }

    /// <summary>Stops the registry (its port then refuses connections); the folder stays until dispose.</summary>
    public async Task StopAsync()
    {
        var pidFile = Path.Combine(Dir, "pid");
        if (!File.Exists(pidFile))
        {
            return;
        }
        await Run.ProcessAsync("kill", [File.ReadAllText(pidFile).Trim()]);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                return;
            }
        }
        throw new InvalidOperationException($"the registry on {Address} still listens 5 s after it was told to stop");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Run.ProcessAsync(Repository.Path_("hack", "registry.sh"), ["stop", Dir]);
}
