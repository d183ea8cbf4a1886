using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public sealed class RegistryCertificatesTests
{
    private const string Certs = "/var/run/configs/openshift.io/certs";

    [Fact]
    public void The_certs_d_tree_the_build_controller_mounts_is_read_per_registry()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [$"{Certs}/certs.d/image-registry.openshift-image-registry.svc:5000/ca.crt"] = new("SERVICE CA"),
            [$"{Certs}/certs.d/registry.example.com:5443/ca.crt"] = new("EXAMPLE CA"),
            [$"{Certs}/certs.d/registry.example.com:5443/client.cert"] = new("CLIENT"),
            [$"{Certs}/certs.d/registry.example.com:5443/client.key"] = new("KEY"),
            [$"{Certs}/certs.d/registry.example.com:5443/README"] = new("not a certificate"),
        });

        var (certificates, warnings) = RegistryCertificates.Read(fs, Certs);

        Assert.Equal(
            [
                new RegistryCertificate("image-registry.openshift-image-registry.svc:5000", "ca.crt", "SERVICE CA"),
                new RegistryCertificate("registry.example.com:5443", "ca.crt", "EXAMPLE CA"),
                new RegistryCertificate("registry.example.com:5443", "client.cert", "CLIENT"),
                new RegistryCertificate("registry.example.com:5443", "client.key", "KEY"),
            ],
            certificates.AsEnumerable());
        Assert.Empty(warnings);
    }

    [Fact]
    public void Config_map_keys_mounted_as_they_are_name_the_registry_with_two_dots_before_the_port()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [$"{Certs}/registry.example.com..5000"] = new("A"),
            [$"{Certs}/other.example.com"] = new("B"),
            [$"{Certs}/myregistry.foo...2345"] = new("C"),
        });

        var (certificates, warnings) = RegistryCertificates.Read(fs, Certs);

        Assert.Equal(
            [
                new RegistryCertificate("myregistry.foo.:2345", "ca.crt", "C"),
                new RegistryCertificate("other.example.com", "ca.crt", "B"),
                new RegistryCertificate("registry.example.com:5000", "ca.crt", "A"),
            ],
            certificates.AsEnumerable());
        Assert.Empty(warnings);
    }

    [Fact]
    public void Bundles_and_names_that_are_no_registry_are_warned_about_and_the_kubelets_own_entries_are_skipped()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [$"{Certs}/service-ca.crt"] = new("BUNDLE"),
            [$"{Certs}/..data/registry.example.com..5000"] = new("projected copy"),
            [$"{Certs}/..2026_11_28_12_00_00.123/x"] = new("projected copy"),
            [$"{Certs}/certs.d/bad name/ca.crt"] = new("X"),
        });

        var (certificates, warnings) = RegistryCertificates.Read(fs, Certs);

        Assert.Empty(certificates);
        Assert.Equal(2, warnings.Length);
        Assert.Contains(warnings, w => w.Contains("service-ca.crt", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("bad name", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_folder_gives_nothing()
    {
        var (certificates, warnings) = RegistryCertificates.Read(new MockFileSystem(), Certs);

        Assert.Empty(certificates);
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData("registry.example.com..5000", "registry.example.com:5000")]
    [InlineData("registry.example.com", "registry.example.com")]
    [InlineData("10.0.0.1..443", "10.0.0.1:443")]
    [InlineData("ca-bundle.crt", null)]
    [InlineData("tls-ca-bundle.pem", null)]
    [InlineData("..data", null)]
    [InlineData("a/b", null)]
    public void A_key_names_a_registry_or_nothing(string key, string? registry)
    {
        Assert.Equal(registry, RegistryCertificates.RegistryFromKey(key));
    }
}
