using System.Collections.Immutable;
using System.IO.Abstractions;
using System.Text.RegularExpressions;

namespace BuildRunner.Settings;

/// <summary>One certificate file for one registry, in the certs.d layout (<c>HOST[:PORT]/FILE</c>).</summary>
/// <param name="Registry">The registry's folder name: <c>registry.example.com</c> or <c>registry.example.com:5000</c>.</param>
/// <param name="FileName">The file's name in that folder: <c>ca.crt</c>, or a client <c>*.cert</c> / <c>*.key</c>.</param>
/// <param name="Content">The file's content.</param>
public sealed record RegistryCertificate(string Registry, string FileName, string Content);

/// <summary>
/// Reads the registry CAs OpenShift mounts in a build pod (<see cref="OpenShiftEnvironment.CertsPath"/>) into the
/// certs.d layout buildah trusts per registry. The build controller maps each key of the cluster's additional trusted
/// CA config map (<c>HOST</c> or <c>HOST..PORT</c>, since a key cannot hold a colon) to
/// <c>certs.d/HOST[:PORT]/ca.crt</c> in that volume, and the internal registry's service CA likewise; openshift/builder
/// copies that <c>certs.d</c> tree into the system's. Keys mounted as they are (<c>HOST..PORT</c> files at the top) are
/// read too, the way the controller would have mapped them.
/// </summary>
public static partial class RegistryCertificates
{
    /// <summary>The folder inside the certs volume that holds one folder per registry.</summary>
    public const string CertsD = "certs.d";

    /// <summary>Reads <paramref name="folder"/>; a missing folder gives nothing.</summary>
    public static (ImmutableArray<RegistryCertificate> Certificates, ImmutableArray<string> Warnings) Read(IFileSystem fs, string folder)
    {
        ArgumentNullException.ThrowIfNull(fs);
        ArgumentNullException.ThrowIfNull(folder);
        var found = ImmutableArray.CreateBuilder<RegistryCertificate>();
        var warnings = ImmutableArray.CreateBuilder<string>();
        if (!fs.Directory.Exists(folder))
        {
            return ([], []);
        }
        var tree = fs.Path.Combine(folder, CertsD);
        if (fs.Directory.Exists(tree))
        {
            foreach (var registryFolder in Visible(fs, fs.Directory.GetDirectories(tree)))
            {
                var registry = fs.Path.GetFileName(registryFolder);
                if (!RegistryName().IsMatch(registry))
                {
                    warnings.Add($"\"{registryFolder}\" is not named after a registry (HOST or HOST:PORT); its certificates are not installed");
                    continue;
                }
                foreach (var file in Visible(fs, fs.Directory.GetFiles(registryFolder)))
                {
                    var name = fs.Path.GetFileName(file);
                    if (name.EndsWith(".crt", StringComparison.Ordinal) || name.EndsWith(".cert", StringComparison.Ordinal) || name.EndsWith(".key", StringComparison.Ordinal))
                    {
                        found.Add(new RegistryCertificate(registry, name, fs.File.ReadAllText(file)));
                    }
                }
            }
        }
        foreach (var file in Visible(fs, fs.Directory.GetFiles(folder)))
        {
            var name = fs.Path.GetFileName(file);
            if (RegistryFromKey(name) is string registry)
            {
                found.Add(new RegistryCertificate(registry, "ca.crt", fs.File.ReadAllText(file)));
            }
            else
            {
                warnings.Add($"\"{file}\" is not named after a registry (HOST or HOST..PORT, as the keys of OpenShift's additional trusted CA config map are); it is not installed");
            }
        }
        // One file per registry and name: a certs.d entry and a top-level key for the same registry are one CA.
        var unique = found.GroupBy(c => (c.Registry, c.FileName)).Select(g => g.First())
            .OrderBy(c => c.Registry, StringComparer.Ordinal).ThenBy(c => c.FileName, StringComparer.Ordinal);
        return ([.. unique], warnings.ToImmutable());
    }

    /// <summary>
    /// The registry a config map key names: <c>HOST</c> as it is, <c>HOST..PORT</c> as <c>HOST:PORT</c> (the last
    /// <c>..</c> before the digits, as OpenShift's build controller reads it); null for a name that is a certificate
    /// bundle (<c>*.crt</c>, <c>*.pem</c>) or no host name.
    /// </summary>
    public static string? RegistryFromKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.EndsWith(".crt", StringComparison.Ordinal) || key.EndsWith(".pem", StringComparison.Ordinal)
            || key.EndsWith(".cert", StringComparison.Ordinal) || key.EndsWith(".key", StringComparison.Ordinal))
        {
            return null;
        }
        var registry = HostPortKey().Replace(key, ":$1");
        return RegistryName().IsMatch(registry) ? registry : null;
    }

    // The kubelet's own entries in a projected volume (..data, ..2026_11_28...) start with two dots.
    private static IEnumerable<string> Visible(IFileSystem fs, IEnumerable<string> paths) =>
        paths.Where(p => !fs.Path.GetFileName(p).StartsWith("..", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"\.\.(\d+)$")]
    private static partial Regex HostPortKey();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9.])?(:[0-9]{1,5})?$")]
    private static partial Regex RegistryName();
}
