using System.IO.Abstractions.TestingHelpers;
using System.Text;
using System.Text.Json;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public sealed class OpenShiftPreparationTests
{
    private const string Work = "/tmp/build-runner-7";
    private const string Push = "/var/run/secrets/openshift.io/push";
    private const string Pull = "/var/run/secrets/openshift.io/pull";
    private static readonly string Auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("builder:s3cret-token"));

    private static OpenShiftBuild Build(string json = """{"kind":"Build"}""") => OpenShiftBuildReader.Parse(json, null);

    private static OpenShiftEnvironment Environment(string? push = Push, string? pull = null) =>
        new("{}", push, pull) { CertsFolder = "/certs", BuildSystemFolder = "/build-system" };

    [Fact]
    public void A_legacy_dockercfg_push_secret_is_planned_as_an_auths_file_in_the_work_folder()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [$"{Push}/.dockercfg"] = new($$$"""{"registry.example.com:5443":{"auth":"{{{Auth}}}","email":"x"}}"""),
        });

        var preparation = OpenShiftPreparation.Read(fs, Environment(), Build(), Work);

        Assert.Equal($"{Work}/openshift/auth.json", preparation.AuthFile);
        var file = Assert.Single(preparation.Files);
        Assert.Equal(preparation.AuthFile, file.Path);
        Assert.Equal(Auth, JsonDocument.Parse(file.Content).RootElement.GetProperty("auths").GetProperty("registry.example.com:5443").GetProperty("auth").GetString());
        Assert.Contains("registry credentials for registry.example.com:5443 from the push secret", Assert.Single(preparation.Notes), StringComparison.Ordinal);
        Assert.DoesNotContain(Auth, string.Join("\n", preparation.Notes) + preparation, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_and_push_secrets_in_both_formats_make_one_file()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [$"{Pull}/.dockerconfigjson"] = new($$$"""{"auths":{"base.example.com":{"auth":"{{{Auth}}}"} }}"""),
            [$"{Push}/.dockercfg"] = new($$$"""{"out.example.com":{"auth":"{{{Auth}}}"}}"""),
        });

        var preparation = OpenShiftPreparation.Read(fs, Environment(pull: Pull), Build(), Work);

        var auths = JsonDocument.Parse(Assert.Single(preparation.Files).Content).RootElement.GetProperty("auths");
        Assert.Equal(["base.example.com", "out.example.com"], auths.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_secret_folder_without_a_secret_file_is_a_warning_and_no_auth_file()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory(Push);

        var preparation = OpenShiftPreparation.Read(fs, Environment(), Build(), Work);

        Assert.Null(preparation.AuthFile);
        Assert.Empty(preparation.Files);
        Assert.Contains("PUSH_DOCKERCFG_PATH", Assert.Single(preparation.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_CAs_are_planned_in_the_certs_d_layout()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/certs/certs.d/registry.example.com:5443/ca.crt"] = new("CA ONE"),
            ["/certs/mirror.example.com..8443"] = new("CA TWO"),
        });

        var preparation = OpenShiftPreparation.Read(fs, Environment(push: null), Build(), Work);

        Assert.Equal($"{Work}/openshift/certs.d", preparation.CertsDirectory);
        Assert.Equal(
            [
                new PreparedFile($"{Work}/openshift/certs.d/mirror.example.com:8443/ca.crt", "CA TWO"),
                new PreparedFile($"{Work}/openshift/certs.d/registry.example.com:5443/ca.crt", "CA ONE"),
            ],
            preparation.Files.AsEnumerable());
    }

    [Fact]
    public void An_inline_dockerfile_is_planned_alone_in_its_own_source_folder()
    {
        var preparation = OpenShiftPreparation.Read(new MockFileSystem(), Environment(push: null),
            Build("""{"spec":{"source":{"dockerfile":"FROM scratch\nCOPY . /\n"}}}"""), Work);

        Assert.Equal($"{Work}/openshift/source/Dockerfile", preparation.Dockerfile);
        Assert.Equal($"{Work}/openshift/source", preparation.SourceFolder);
        Assert.Equal([new PreparedFile(preparation.Dockerfile!, "FROM scratch\nCOPY . /\n")], preparation.Files.AsEnumerable());
    }

    [Fact]
    public void The_clusters_registries_conf_and_policy_are_found_in_the_build_system_folder_or_where_the_variables_say()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/build-system/registries.conf"] = new("unqualified-search-registries = []"),
            ["/elsewhere/policy.json"] = new("{}"),
            ["/build-system/policy.json"] = new("{}"),
            ["/build-system/storage.conf"] = new("[storage]"),
        });

        var preparation = OpenShiftPreparation.Read(fs, Environment(push: null) with { SignaturePolicyPath = "/elsewhere/policy.json" }, Build(), Work);

        Assert.Equal("/build-system/registries.conf", preparation.RegistriesConf);
        Assert.Equal("/elsewhere/policy.json", preparation.SignaturePolicy);
        Assert.Contains("storage.conf", Assert.Single(preparation.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_mounted_prepares_nothing()
    {
        var preparation = OpenShiftPreparation.Read(new MockFileSystem(), Environment(push: null), Build(), Work);

        Assert.Empty(preparation.Files);
        Assert.Null(preparation.RegistriesConf);
        Assert.Null(preparation.SignaturePolicy);
        Assert.Empty(preparation.Warnings);
    }

    [Fact]
    public void Write_makes_private_folders_and_files_holding_the_content()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [$"{Push}/.dockercfg"] = new($$$"""{"r.example":{"auth":"{{{Auth}}}"}}"""),
            ["/certs/certs.d/r.example/ca.crt"] = new("CA"),
        });
        fs.Directory.CreateDirectory(Work);
        var preparation = OpenShiftPreparation.Read(fs, Environment(), Build(), Work);

        preparation.Write(fs);

        Assert.Contains(Auth, fs.File.ReadAllText($"{Work}/openshift/auth.json"), StringComparison.Ordinal);
        Assert.Equal("CA", fs.File.ReadAllText($"{Work}/openshift/certs.d/r.example/ca.crt"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void On_a_real_file_system_the_folders_are_0700_and_the_files_0600()
    {
        var fs = new System.IO.Abstractions.FileSystem();
        var work = Directory.CreateTempSubdirectory("openshift-preparation-").FullName;
        try
        {
            var preparation = new OpenShiftPreparation(
                [new PreparedFile($"{work}/openshift/auth.json", "{}"), new PreparedFile($"{work}/openshift/certs.d/r.example:5000/ca.crt", "CA")],
                $"{work}/openshift", $"{work}/openshift/auth.json", $"{work}/openshift/certs.d", null, null, null, null, [], []);

            preparation.Write(fs);

            var folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Assert.Equal(folder, File.GetUnixFileMode($"{work}/openshift"));
            Assert.Equal(folder, File.GetUnixFileMode($"{work}/openshift/certs.d"));
            Assert.Equal(folder, File.GetUnixFileMode($"{work}/openshift/certs.d/r.example:5000"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode($"{work}/openshift/auth.json"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode($"{work}/openshift/certs.d/r.example:5000/ca.crt"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void A_push_secret_that_is_not_json_fails_before_anything_is_written_without_quoting_it()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [$"{Push}/.dockercfg"] = new("r.example: s3cret-token"),
        });

        var e = Assert.Throws<RunnerException>(() => OpenShiftPreparation.Read(fs, Environment(), Build(), Work));

        Assert.Equal("authfile-invalid", e.Code);
        Assert.Contains($"{Push}/.dockercfg", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", e.Message + e.Fix, StringComparison.Ordinal);
    }
}
