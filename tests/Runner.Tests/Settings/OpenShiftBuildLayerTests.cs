using System.IO.Abstractions.TestingHelpers;
using System.Text;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public sealed class OpenShiftBuildLayerTests
{
    private const string Work = "/tmp/build-runner-9";
    private const string Push = "/var/run/secrets/openshift.io/push";

    // A custom strategy Build as the controller encodes it for BUILD, with an ImageStreamTag output.
    private const string CustomBuild = """
        {
          "kind": "Build", "apiVersion": "build.openshift.io/v1",
          "metadata": { "name": "app-1", "namespace": "team-a", "annotations": { "openshift.io/build-config.name": "app" } },
          "spec": {
            "serviceAccount": "builder",
            "source": { "type": "Dockerfile", "dockerfile": "FROM registry.example.com:5443/base\nRUN true\n" },
            "strategy": { "type": "Custom", "customStrategy": {
              "from": { "kind": "DockerImage", "name": "localhost/build-runner/builder:dev" },
              "env": [ { "name": "HTTPS_PROXY", "value": "http://proxy:3128" } ] } },
            "output": { "to": { "kind": "ImageStreamTag", "name": "app:latest" }, "pushSecret": { "name": "builder-dockercfg-abcde" },
              "imageLabels": [ { "name": "io.openshift.build", "value": "app-1" } ] }
          }
        }
        """;

    private static OpenShiftEnvironment Env(string? registry = "registry.example.com:5443", string? image = "team-a/app:latest", string? push = null) =>
        new(CustomBuild, push, null, registry, image) { CertsFolder = "/certs", BuildSystemFolder = "/build-system" };

    private static (SettingLayer Layer, IReadOnlyList<string> Warnings) Layer(string json, OpenShiftEnvironment environment, MockFileSystem? fs = null)
    {
        fs ??= new MockFileSystem();
        var build = OpenShiftBuildReader.Parse(json, environment.PushDockercfgPath);
        var (layer, warnings) = OpenShiftBuildLayer.From(build, environment, OpenShiftPreparation.Read(fs, environment, build, Work));
        return (layer, warnings);
    }

    private static string? Value(SettingLayer layer, SettingDefinition definition) =>
        layer.Values.TryGetValue(definition.AnnotationKey, out var value) ? value : null;

    [Fact]
    public void An_image_stream_tag_output_pushes_to_OUTPUT_REGISTRY_slash_OUTPUT_IMAGE_without_a_warning()
    {
        var (layer, warnings) = Layer(CustomBuild, Env());

        Assert.Equal("registry.example.com:5443/team-a/app:latest", Value(layer, SettingsCatalog.OutputImage));
        Assert.DoesNotContain(warnings, w => w.Contains("spec.output.to", StringComparison.Ordinal));
        Assert.Equal(SettingSource.Build, layer.Source);
    }

    [Fact]
    public void An_empty_OUTPUT_REGISTRY_leaves_OUTPUT_IMAGE_alone()
    {
        Assert.Equal("library/app:1", OpenShiftBuildLayer.OutputImage(new OpenShiftEnvironment(null, null, null, null, "library/app:1")));
        Assert.Null(OpenShiftBuildLayer.OutputImage(new OpenShiftEnvironment(null, null, null, "r.example", null)));
    }

    [Fact]
    public void An_image_stream_tag_output_without_the_variables_is_a_warning_naming_the_field()
    {
        var (layer, warnings) = Layer(CustomBuild, Env(registry: null, image: null));

        Assert.Null(Value(layer, SettingsCatalog.OutputImage));
        Assert.Contains(warnings, w => w.Contains("spec.output.to is a ImageStreamTag (\"app:latest\")", StringComparison.Ordinal)
            && w.Contains("OUTPUT_IMAGE", StringComparison.Ordinal));
    }

    [Fact]
    public void A_docker_image_output_is_used_when_the_variables_are_not_set()
    {
        var (layer, _) = Layer("""{"spec":{"output":{"to":{"kind":"DockerImage","name":"r.example/app:2"}}}}""", Env(null, null));

        Assert.Equal("r.example/app:2", Value(layer, SettingsCatalog.OutputImage));
    }

    [Fact]
    public void An_inline_dockerfile_alone_is_built_from_its_own_folder()
    {
        var (layer, _) = Layer(CustomBuild, Env());

        Assert.Equal($"{Work}/openshift/source/Dockerfile", Value(layer, SettingsCatalog.File));
        Assert.Equal($"{Work}/openshift/source", Value(layer, SettingsCatalog.Context));
    }

    [Fact]
    public void SOURCE_CONTEXT_DIR_is_the_context_and_an_inline_dockerfile_with_a_git_source_is_built_in_it()
    {
        const string json = """
            {"spec":{"source":{"git":{"uri":"https://git.example.com/app.git"},"contextDir":"web","dockerfile":"FROM scratch\n"}}}
            """;
        var (layer, warnings) = Layer(json, Env() with { SourceContextDir = "services/web" });

        Assert.Equal("services/web", Value(layer, SettingsCatalog.Context));
        Assert.Equal($"{Work}/openshift/source/Dockerfile", Value(layer, SettingsCatalog.File));
        Assert.Contains(warnings, w => w.Contains("spec.source.git:", StringComparison.Ordinal));
    }

    [Fact]
    public void Spec_source_context_dir_is_the_context_when_the_variable_is_not_set()
    {
        var (layer, _) = Layer("""{"spec":{"source":{"contextDir":"web"}}}""", Env());

        Assert.Equal("web", Value(layer, SettingsCatalog.Context));
    }

    [Fact]
    public void Every_docker_strategy_field_maps_to_its_setting()
    {
        const string json = """
            {"spec":{"strategy":{"type":"Docker","dockerStrategy":{
              "from":{"kind":"DockerImage","name":"r.example/base:2"},
              "dockerfilePath":"build/Containerfile",
              "buildArgs":[{"name":"VERSION","value":"1.2"}],
              "env":[{"name":"MODE","value":"prod"},{"name":"EMPTY"}],
              "noCache":true,"forcePull":true}},
             "output":{"imageLabels":[{"name":"team","value":"a"}]}}}
            """;
        var (layer, warnings) = Layer(json, Env());

        Assert.Equal("r.example/base:2", Value(layer, SettingsCatalog.From));
        Assert.Equal("build/Containerfile", Value(layer, SettingsCatalog.File));
        Assert.Equal("VERSION=1.2", Value(layer, SettingsCatalog.BuildArgs));
        Assert.Equal("MODE=prod\nEMPTY=", Value(layer, SettingsCatalog.Env));
        Assert.Equal("true", Value(layer, SettingsCatalog.NoCache));
        Assert.Equal("always", Value(layer, SettingsCatalog.PullPolicy));
        Assert.Equal("team=a", Value(layer, SettingsCatalog.Labels));
        Assert.Empty(warnings);
    }

    [Fact]
    public void The_custom_strategys_env_is_the_containers_own_environment_and_no_setting()
    {
        var (layer, _) = Layer(CustomBuild, Env());

        Assert.Null(Value(layer, SettingsCatalog.Env));
        Assert.Null(Value(layer, SettingsCatalog.From));
    }

    [Fact]
    public void The_prepared_files_and_the_clusters_configuration_become_settings()
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("u:p4ssword"));
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            [$"{Push}/.dockercfg"] = new($$$"""{"registry.example.com:5443":{"auth":"{{{auth}}}"}}"""),
            ["/certs/certs.d/registry.example.com:5443/ca.crt"] = new("CA"),
            ["/build-system/registries.conf"] = new("[[registry]]"),
            ["/build-system/policy.json"] = new("{}"),
        });

        var (layer, _) = Layer(CustomBuild, Env(push: Push), fs);

        Assert.Equal($"{Work}/openshift/auth.json", Value(layer, SettingsCatalog.AuthFile));
        Assert.Equal($"{Work}/openshift/certs.d", Value(layer, SettingsCatalog.RegistryCerts));
        Assert.Equal("/build-system/registries.conf", Value(layer, SettingsCatalog.RegistriesConf));
        Assert.Equal("/build-system/policy.json", Value(layer, SettingsCatalog.SignaturePolicy));
        Assert.DoesNotContain(auth, string.Join("\n", layer.Values.Values), StringComparison.Ordinal);
    }

    [Fact]
    public void The_builds_own_annotations_win_over_its_fields()
    {
        const string json = """
            {"metadata":{"annotations":{"build-runner/output-image":"r.example/override:1","build-runner/no-cache":"false"}},
             "spec":{"strategy":{"dockerStrategy":{"noCache":true}}}}
            """;
        var (layer, _) = Layer(json, Env());

        Assert.Equal("r.example/override:1", Value(layer, SettingsCatalog.OutputImage));
        Assert.Equal("false", Value(layer, SettingsCatalog.NoCache));
    }

    [Theory]
    [InlineData("""{"spec":{"strategy":{"customStrategy":{"exposeDockerSocket":true}}}}""", "spec.strategy.customStrategy.exposeDockerSocket:")]
    [InlineData("""{"spec":{"source":{"binary":{"asFile":"app.tar"}}}}""", "spec.source.binary:")]
    [InlineData("""{"spec":{"source":{"images":[{"from":{"kind":"DockerImage","name":"x"}}]}}}""", "spec.source.images:")]
    [InlineData("""{"spec":{"source":{"secrets":[{"secret":{"name":"s"}}]}}}""", "spec.source.secrets:")]
    [InlineData("""{"spec":{"source":{"configMaps":[{"configMap":{"name":"c"}}]}}}""", "spec.source.configMaps:")]
    [InlineData("""{"spec":{"strategy":{"sourceStrategy":{"from":{"kind":"DockerImage","name":"s2i"}}}}}""", "spec.strategy.sourceStrategy:")]
    [InlineData("""{"spec":{"strategy":{"jenkinsPipelineStrategy":{"jenkinsfile":"x"}}}}""", "spec.strategy.jenkinsPipelineStrategy:")]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"from":{"kind":"ImageStreamTag","name":"base:1"}}}}}""", "spec.strategy.dockerStrategy.from:")]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"imageOptimizationPolicy":"SkipLayers"}}}}""", "spec.strategy.dockerStrategy.imageOptimizationPolicy:")]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"volumes":[{"name":"v"}]}}}}""", "spec.strategy.dockerStrategy.volumes:")]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"env":[{"name":"T","valueFrom":{"secretKeyRef":{"name":"s","key":"k"}}}]}}}}""", "spec.strategy.dockerStrategy.env: T uses valueFrom")]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"buildArgs":[{"name":"T","valueFrom":{"secretKeyRef":{"name":"s","key":"k"}}}]}}}}""", "spec.strategy.dockerStrategy.buildArgs: T uses valueFrom")]
    [InlineData("""{"spec":{"postCommit":{"script":"make test"}}}""", "spec.postCommit:")]
    public void What_the_runner_cannot_honour_is_a_warning_naming_the_field(string json, string field)
    {
        var (_, warnings) = Layer(json, Env());

        Assert.Contains(warnings, w => w.Contains(": " + field, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"spec":{"postCommit":{},"source":{"images":[],"secrets":null},"strategy":{"customStrategy":{"exposeDockerSocket":false},"dockerStrategy":{"imageOptimizationPolicy":"None","volumes":[]}}}}""")]
    public void Empty_or_default_fields_are_not_warned_about(string json)
    {
        var (_, warnings) = Layer(json, Env());

        Assert.Empty(warnings);
    }
}
