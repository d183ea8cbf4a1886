using System.IO.Abstractions.TestingHelpers;
using BuildRunner.Settings;

namespace BuildRunner.Tests.Settings;

public sealed class OpenShiftBuildReaderTests
{
    // Shaped like the BUILD variable an OpenShift 4 build controller sets for a docker strategy build
    // whose ImageStreamTag output it has already resolved to a DockerImage pullspec.
    private const string DockerBuild = """
        {
          "kind": "Build",
          "apiVersion": "build.openshift.io/v1",
          "metadata": {
            "name": "app-3",
            "namespace": "team-a",
            "uid": "6f1c1f3e-2b7a-4c1e-9a55-0d3c1f9e8b21",
            "resourceVersion": "482913",
            "generation": 1,
            "creationTimestamp": "2024-05-02T10:11:12Z",
            "labels": {
              "app": "app",
              "buildconfig": "app",
              "openshift.io/build-config.name": "app",
              "openshift.io/build.start-policy": "Serial"
            },
            "annotations": {
              "openshift.io/build-config.name": "app",
              "openshift.io/build.number": "3",
              "openshift.io/build.pod-name": "app-3-build",
              "build-runner/storage-driver": "overlay",
              "build-runner/build-args": "A=1\nB=two words"
            },
            "ownerReferences": [
              {
                "apiVersion": "build.openshift.io/v1",
                "kind": "BuildConfig",
                "name": "app",
                "uid": "0b8e4d52-7f0e-4b8e-a1c2-5f2a7d9c3e10",
                "controller": true
              }
            ]
          },
          "spec": {
            "serviceAccount": "builder",
            "source": {
              "type": "Git",
              "git": {
                "uri": "https://git.example.com/team-a/app.git",
                "ref": "main"
              },
              "contextDir": "services/web"
            },
            "revision": {
              "type": "Git",
              "git": {
                "commit": "9f2c4e1",
                "author": { "name": "Dev", "email": "dev@example.com" },
                "message": "Add health check"
              }
            },
            "strategy": {
              "type": "Docker",
              "dockerStrategy": {
                "from": {
                  "kind": "DockerImage",
                  "name": "image-registry.openshift-image-registry.svc:5000/team-a/base@sha256:0d3c1f9e8b21"
                },
                "pullSecret": { "name": "builder-dockercfg-x7k2p" },
                "dockerfilePath": "build/Containerfile",
                "buildArgs": [
                  { "name": "VERSION", "value": "1.2.3" },
                  { "name": "GREETING", "value": "a=b c" },
                  { "name": "EMPTY" }
                ],
                "noCache": true,
                "forcePull": false,
                "env": [ { "name": "BUILD_LOGLEVEL", "value": "2" } ]
              }
            },
            "output": {
              "to": {
                "kind": "DockerImage",
                "name": "image-registry.openshift-image-registry.svc:5000/team-a/app:latest"
              },
              "pushSecret": { "name": "builder-dockercfg-x7k2p" },
              "imageLabels": [
                { "name": "io.k8s.display-name", "value": "App" },
                { "name": "vcs-ref", "value": "9f2c4e1" }
              ]
            },
            "resources": {},
            "postCommit": {},
            "nodeSelector": null,
            "triggeredBy": [ { "message": "Manually triggered" } ]
          },
          "status": {
            "phase": "New",
            "outputDockerImageReference": "image-registry.openshift-image-registry.svc:5000/team-a/app:latest",
            "config": { "kind": "BuildConfig", "namespace": "team-a", "name": "app" },
            "output": {}
          }
        }
        """;

    private static RunnerException AssertInvalid(string json)
    {
        var e = Assert.Throws<RunnerException>(() => OpenShiftBuildReader.Parse(json, null));
        Assert.Equal(ExitCodes.InvalidSettings, e.ExitCode);
        Assert.Equal("invalid-build-object", e.Code);
        Assert.StartsWith("reading the BUILD environment variable: ", e.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(e.Fix));
        return e;
    }

    [Fact]
    public void A_docker_strategy_build_as_OpenShift_writes_it_yields_every_field()
    {
        var build = OpenShiftBuildReader.Parse(DockerBuild, "/var/run/secrets/openshift.io/push");

        Assert.Equal("app-3", build.Name);
        Assert.Equal("team-a", build.Namespace);
        Assert.Equal("Docker", build.StrategyType);
        Assert.Equal(5, build.Annotations.Count);
        Assert.Equal("overlay", build.Annotations["build-runner/storage-driver"]);
        Assert.Equal("A=1\nB=two words", build.Annotations["build-runner/build-args"]);
        Assert.Equal("DockerImage", build.OutputKind);
        Assert.Equal("image-registry.openshift-image-registry.svc:5000/team-a/app:latest", build.OutputImage);
        Assert.Equal(build.OutputImage, build.OutputName);
        Assert.Equal("build/Containerfile", build.DockerfilePath);
        Assert.Equal("services/web", build.ContextDir);
        Assert.Equal(
            [new("VERSION", "1.2.3"), new("GREETING", "a=b c"), new("EMPTY", "")],
            build.BuildArgs);
        Assert.Empty(build.SkippedBuildArgs);
        Assert.True(build.NoCache);
        Assert.False(build.ForcePull);
        Assert.Equal([new("io.k8s.display-name", "App"), new("vcs-ref", "9f2c4e1")], build.Labels);
        Assert.Equal("/var/run/secrets/openshift.io/push", build.PushSecretPath);
    }

    [Fact]
    public void The_same_build_written_compactly_reads_the_same()
    {
        var compact = System.Text.Json.JsonDocument.Parse(DockerBuild).RootElement.GetRawText()
            .Replace("\n", "", StringComparison.Ordinal).Replace("  ", "", StringComparison.Ordinal);

        var build = OpenShiftBuildReader.Parse(compact, null);

        Assert.Equal("image-registry.openshift-image-registry.svc:5000/team-a/app:latest", build.OutputImage);
        Assert.Equal(3, build.BuildArgs.Count);
    }

    [Fact]
    public void An_image_stream_tag_output_keeps_kind_and_name_but_gives_no_output_image()
    {
        var build = OpenShiftBuildReader.Parse(
            """{"kind":"Build","spec":{"output":{"to":{"kind":"ImageStreamTag","namespace":"team-a","name":"app:latest"}}}}""",
            null);

        Assert.Null(build.OutputImage);
        Assert.Equal("ImageStreamTag", build.OutputKind);
        Assert.Equal("app:latest", build.OutputName);
    }

    [Fact]
    public void An_output_without_a_kind_gives_no_output_image()
    {
        var build = OpenShiftBuildReader.Parse("""{"spec":{"output":{"to":{"name":"registry.example.com/app"}}}}""", null);

        Assert.Null(build.OutputImage);
        Assert.Null(build.OutputKind);
        Assert.Equal("registry.example.com/app", build.OutputName);
    }

    [Fact]
    public void A_custom_strategy_build_gives_annotations_and_output_but_no_docker_fields()
    {
        const string json = """
            {
              "kind": "Build",
              "apiVersion": "build.openshift.io/v1",
              "metadata": {
                "name": "custom-1",
                "namespace": "team-b",
                "annotations": { "build-runner/require-user-namespace": "true" }
              },
              "spec": {
                "strategy": {
                  "type": "Custom",
                  "customStrategy": {
                    "from": { "kind": "DockerImage", "name": "registry.example.com/build-runner:1" },
                    "exposeDockerSocket": false,
                    "forcePull": true,
                    "env": [ { "name": "X", "value": "1" } ]
                  }
                },
                "output": { "to": { "kind": "DockerImage", "name": "registry.example.com/team-b/custom:1" } }
              }
            }
            """;

        var build = OpenShiftBuildReader.Parse(json, null);

        Assert.Equal("Custom", build.StrategyType);
        Assert.Equal("true", build.Annotations["build-runner/require-user-namespace"]);
        Assert.Equal("registry.example.com/team-b/custom:1", build.OutputImage);
        Assert.Null(build.DockerfilePath);
        Assert.Null(build.NoCache);
        Assert.Null(build.ForcePull);
        Assert.Empty(build.BuildArgs);
        Assert.Empty(build.SkippedBuildArgs);
        Assert.Empty(build.Labels);
    }

    [Fact]
    public void Unknown_fields_at_any_level_are_ignored()
    {
        const string json = """
            {
              "futureTopLevel": [1, 2, {"x": null}],
              "metadata": { "name": "b", "futureMeta": true },
              "spec": {
                "futureSpec": "x",
                "strategy": {
                  "dockerStrategy": {
                    "futureDocker": 7,
                    "buildArgs": [ { "name": "A", "value": "1", "futureArg": {} } ]
                  }
                },
                "output": { "to": { "kind": "DockerImage", "name": "r/a", "futureTo": 1 }, "futureOutput": [] }
              }
            }
            """;

        var build = OpenShiftBuildReader.Parse(json, null);

        Assert.Equal("b", build.Name);
        Assert.Equal([new("A", "1")], build.BuildArgs);
        Assert.Equal("r/a", build.OutputImage);
    }

    [Fact]
    public void Build_args_with_value_from_are_skipped_and_listed_by_name()
    {
        const string json = """
            {"spec":{"strategy":{"type":"Docker","dockerStrategy":{"buildArgs":[
              {"name":"PLAIN","value":"p"},
              {"name":"TOKEN","valueFrom":{"secretKeyRef":{"name":"git-token","key":"token"}}},
              {"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
              {"name":"LAST","value":"l"}
            ]}}}}
            """;

        var build = OpenShiftBuildReader.Parse(json, null);

        Assert.Equal([new("PLAIN", "p"), new("LAST", "l")], build.BuildArgs);
        Assert.Equal(["TOKEN", "POD"], build.SkippedBuildArgs);
    }

    [Fact]
    public void An_empty_object_gives_an_empty_build()
    {
        var build = OpenShiftBuildReader.Parse("{}", null);

        Assert.Empty(build.Annotations);
        Assert.Null(build.Name);
        Assert.Null(build.Namespace);
        Assert.Null(build.StrategyType);
        Assert.Null(build.OutputKind);
        Assert.Null(build.OutputName);
        Assert.Null(build.OutputImage);
        Assert.Null(build.DockerfilePath);
        Assert.Null(build.ContextDir);
        Assert.Empty(build.BuildArgs);
        Assert.Empty(build.SkippedBuildArgs);
        Assert.Null(build.NoCache);
        Assert.Null(build.ForcePull);
        Assert.Empty(build.Labels);
        Assert.Null(build.PushSecretPath);
    }

    [Fact]
    public void Json_null_for_a_known_field_reads_as_absent()
    {
        const string json = """
            {"metadata":{"name":null,"annotations":null},
             "spec":{"source":null,"strategy":{"dockerStrategy":{"noCache":null,"buildArgs":null}},"output":{"to":null}}}
            """;

        var build = OpenShiftBuildReader.Parse(json, null);

        Assert.Null(build.Name);
        Assert.Empty(build.Annotations);
        Assert.Null(build.ContextDir);
        Assert.Null(build.NoCache);
        Assert.Empty(build.BuildArgs);
        Assert.Null(build.OutputImage);
    }

    [Fact]
    public void A_null_annotation_value_reads_as_empty_as_the_API_server_decodes_it()
    {
        var build = OpenShiftBuildReader.Parse("""{"metadata":{"annotations":{"a":null}}}""", null);

        Assert.Equal("", build.Annotations["a"]);
    }

    [Fact]
    public void A_repeated_key_takes_its_last_value()
    {
        var build = OpenShiftBuildReader.Parse("""{"metadata":{"name":"first","name":"second"}}""", null);

        Assert.Equal("second", build.Name);
    }

    [Fact]
    public void The_push_secret_path_is_kept_as_given_and_empty_reads_as_absent()
    {
        Assert.Equal("/secrets/push", OpenShiftBuildReader.Parse("{}", "/secrets/push").PushSecretPath);
        Assert.Null(OpenShiftBuildReader.Parse("{}", "").PushSecretPath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public void An_empty_variable_is_invalid(string json)
    {
        var e = AssertInvalid(json);

        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_is_reported_with_its_line_and_position()
    {
        var e = AssertInvalid("{\n  \"kind\": \"Build\",\n  \"spec\": {,}\n}");

        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 3, byte 12", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", e.Message, StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(e.InnerException, exactMatch: false);
    }

    [Theory]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"noCache":"yes"}}}}""", "$.spec.strategy.dockerStrategy.noCache must be true or false, got a string")]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"forcePull":1}}}}""", "$.spec.strategy.dockerStrategy.forcePull must be true or false, got a number")]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"dockerfilePath":false}}}}""", "$.spec.strategy.dockerStrategy.dockerfilePath must be a string, got a boolean")]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"buildArgs":{"A":"1"}}}}}""", "$.spec.strategy.dockerStrategy.buildArgs must be an array, got an object")]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"buildArgs":["A=1"]}}}}""", "$.spec.strategy.dockerStrategy.buildArgs[0] must be an object with name and value, got a string")]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"buildArgs":[{"name":"A","value":"1"},{"name":"B","value":2}]}}}}""", "$.spec.strategy.dockerStrategy.buildArgs[1].value must be a string, got a number")]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"buildArgs":[{"value":"1"}]}}}}""", "$.spec.strategy.dockerStrategy.buildArgs[0].name is missing or empty")]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":"Docker"}}}""", "$.spec.strategy.dockerStrategy must be an object, got a string")]
    [InlineData("""{"spec":{"strategy":{"customStrategy":[]}}}""", "$.spec.strategy.customStrategy must be an object, got an array")]
    [InlineData("""{"spec":{"strategy":{"type":3}}}""", "$.spec.strategy.type must be a string, got a number")]
    [InlineData("""{"spec":{"source":{"contextDir":["a"]}}}""", "$.spec.source.contextDir must be a string, got an array")]
    [InlineData("""{"spec":{"output":{"to":{"kind":"DockerImage","name":42}}}}""", "$.spec.output.to.name must be a string, got a number")]
    [InlineData("""{"spec":{"output":{"to":"registry.example.com/app"}}}""", "$.spec.output.to must be an object, got a string")]
    [InlineData("""{"spec":{"output":{"imageLabels":[{"name":"","value":"x"}]}}}""", "$.spec.output.imageLabels[0].name is missing or empty")]
    [InlineData("""{"spec":[]}""", "$.spec must be an object, got an array")]
    [InlineData("""{"metadata":"app-3"}""", "$.metadata must be an object, got a string")]
    [InlineData("""{"metadata":{"annotations":["a"]}}""", "$.metadata.annotations must be an object of strings, got an array")]
    [InlineData("""{"metadata":{"annotations":{"build-runner/no-cache":true}}}""", "$.metadata.annotations['build-runner/no-cache'] must be a string, got a boolean")]
    [InlineData("""{"metadata":{"name":{}}}""", "$.metadata.name must be a string, got an object")]
    [InlineData("""{"kind":["Build"]}""", "$.kind must be a string, got an array")]
    [InlineData("""["Build"]""", "$ must be an object, got an array")]
    [InlineData("null", "$ must be an object, got null")]
    [InlineData("\"Build\"", "$ must be an object, got a string")]
    public void A_known_field_of_the_wrong_type_is_invalid_and_names_its_path(string json, string expected)
    {
        var e = AssertInvalid(json);

        Assert.Equal("reading the BUILD environment variable: " + expected, e.Message);
        Assert.Contains("$", e.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"buildArgs":[{"name":"A"},{"name":"B"},{"name":7}]}}}}""", "$.spec.strategy.dockerStrategy.buildArgs[2].name must be a string, got a number")]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"buildArgs":[{"name":"A","value":["1"]}]}}}}""", "$.spec.strategy.dockerStrategy.buildArgs[0].value must be a string, got an array")]
    [InlineData("""{"spec":{"strategy":{"dockerStrategy":{"buildArgs":[null]}}}}""", "$.spec.strategy.dockerStrategy.buildArgs[0] must be an object with name and value, got null")]
    [InlineData("""{"spec":{"output":{"imageLabels":[{"name":"a","value":"1"},{"name":"b","value":true}]}}}""", "$.spec.output.imageLabels[1].value must be a string, got a boolean")]
    public void A_wrong_type_in_an_env_entry_names_the_entry_and_field_by_json_path(string json, string expected)
    {
        var e = AssertInvalid(json);

        Assert.Equal("reading the BUILD environment variable: " + expected, e.Message);
    }

    [Theory]
    [InlineData("""{"spec":"Docker"}""", "a string")]
    [InlineData("""{"spec":42}""", "a number")]
    [InlineData("""{"spec":true}""", "a boolean")]
    [InlineData("""{"spec":[{"strategy":{}}]}""", "an array")]
    public void A_spec_that_is_not_an_object_names_its_json_path_and_what_was_expected(string json, string found)
    {
        var e = AssertInvalid(json);

        Assert.Equal($"reading the BUILD environment variable: $.spec must be an object, got {found}", e.Message);
        Assert.StartsWith("Make $.spec an object, as the build.openshift.io/v1 Build API defines it.", e.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_inside_the_object_names_the_json_path_it_is_inside()
    {
        var e = AssertInvalid("""{"spec":{"strategy":{"dockerStrategy":{"buildArgs":[{"name":"A" "value":"1"}]}}}}""");

        Assert.Contains(
            "not valid JSON (line 1, byte 65, inside $.spec.strategy.dockerStrategy.buildArgs[0]: '\"' is invalid after a value.",
            e.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Build")]
    [InlineData("kind: Build")]
    public void Text_that_is_not_json_at_all_names_line_and_byte_but_no_path(string json)
    {
        var e = AssertInvalid(json);

        Assert.Contains("not valid JSON (line 1, byte 1: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("inside", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_kind_of_value_is_found_after_crlf_line_breaks_and_multibyte_text()
    {
        const string json =
            "{\r\n  \"metadata\": {\"annotations\": {\"note\": \"größe ✓\"}},\r\n  \"spec\": {\r\n" +
            "    \"output\": {\"imageLabels\": {\"a\": \"b\"}}\r\n  }\r\n}";

        var e = AssertInvalid(json);

        Assert.Equal("reading the BUILD environment variable: $.spec.output.imageLabels must be an array, got an object", e.Message);
    }

    [Fact]
    public void A_wrong_type_in_the_real_build_names_its_json_path()
    {
        var e = AssertInvalid(DockerBuild.Replace("\"noCache\": true", "\"noCache\": \"true\"", StringComparison.Ordinal));

        Assert.Equal(
            "reading the BUILD environment variable: $.spec.strategy.dockerStrategy.noCache must be true or false, got a string",
            e.Message);
    }

    [Fact]
    public void Fields_the_runner_does_not_read_are_not_checked()
    {
        // The custom strategy's env reaches the pod as environment variables and its from is the builder image;
        // pullSecret is mounted by OpenShift (PULL_DOCKERCFG_PATH). dockerStrategy's from and env are read, and checked.
        const string json = """
            {"kind":"Build","spec":{"strategy":{
              "customStrategy":{"env":[{"name":"A","value":"1"},{"name":"B"},{"name":3}],"from":"image"},
              "dockerStrategy":{"pullSecret":[]}}}}
            """;

        var build = OpenShiftBuildReader.Parse(json, null);

        Assert.Empty(build.BuildArgs);
    }

    [Fact]
    public void A_null_value_from_reads_as_absent_and_the_build_arg_is_passed()
    {
        var build = OpenShiftBuildReader.Parse(
            """{"spec":{"strategy":{"dockerStrategy":{"buildArgs":[{"name":"A","value":"1","valueFrom":null}]}}}}""",
            null);

        Assert.Equal([new("A", "1")], build.BuildArgs);
        Assert.Empty(build.SkippedBuildArgs);
    }

    [Fact]
    public void Another_kind_of_object_is_invalid()
    {
        var e = AssertInvalid("""{"kind":"BuildConfig","apiVersion":"build.openshift.io/v1"}""");

        Assert.Contains("$.kind is \"BuildConfig\", expected \"Build\"", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"\ud800"}}""")]
    [InlineData("""{"metadata":{"annotations":{"\udc00":"x"}}}""")]
    [InlineData("""{"metadata":{"annotations":{"a":"\ud800x"}}}""")]
    public void An_escape_naming_half_a_surrogate_pair_is_invalid(string json)
    {
        var e = AssertInvalid(json);

        Assert.Contains("unpaired surrogate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_holding_an_unpaired_surrogate_is_invalid()
    {
        AssertInvalid("{\"metadata\":{\"name\":\"\ud800\"}}");
    }

    [Fact]
    public void Every_truncation_of_a_real_build_is_invalid_and_only_a_runner_exception()
    {
        var end = DockerBuild.TrimEnd().Length;
        for (var length = 0; length < end; length++)
        {
            var prefix = DockerBuild[..length];
            var e = Assert.Throws<RunnerException>(() => OpenShiftBuildReader.Parse(prefix, null));
            Assert.Equal(ExitCodes.InvalidSettings, e.ExitCode);
        }
        for (var length = end; length <= DockerBuild.Length; length++)
        {
            Assert.Equal("app-3", OpenShiftBuildReader.Parse(DockerBuild[..length], null).Name);
        }
    }

    [Fact]
    public void Random_edits_of_a_real_build_either_parse_or_throw_only_a_runner_exception()
    {
        // Characters that change JSON structure or value kinds, so edits reach the type checks, not only the parser.
        const string alphabet = "{}[]\":,0tfn\\ u";
        var random = new Random(20240502);
        var parsed = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = DockerBuild.ToCharArray().ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Count);
                switch (random.Next(3))
                {
                    case 0: text.RemoveAt(at); break;
                    case 1: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }
            try
            {
                OpenShiftBuildReader.Parse(new string([.. text]), null);
                parsed++;
            }
            catch (RunnerException e)
            {
                Assert.Equal(ExitCodes.InvalidSettings, e.ExitCode);
                Assert.Equal("invalid-build-object", e.Code);
            }
        }
        // Some edits land in whitespace or inside strings; the loop must have exercised the success path too.
        Assert.InRange(parsed, 1, 2999);
    }

    [Fact]
    public void The_auth_file_is_the_dockerconfigjson_in_the_secret_directory_when_both_exist()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/var/run/secrets/openshift.io/push/.dockerconfigjson"] = new("""{"auths":{}}"""),
            ["/var/run/secrets/openshift.io/push/.dockercfg"] = new("{}"),
        });

        Assert.Equal(
            "/var/run/secrets/openshift.io/push/.dockerconfigjson",
            OpenShiftBuildReader.ResolveAuthFile(fs, "/var/run/secrets/openshift.io/push"));
    }

    [Fact]
    public void A_legacy_dockercfg_is_returned_when_it_is_the_only_file()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/var/run/secrets/openshift.io/push/.dockercfg"] = new("{}"),
        });

        Assert.Equal(
            "/var/run/secrets/openshift.io/push/.dockercfg",
            OpenShiftBuildReader.ResolveAuthFile(fs, "/var/run/secrets/openshift.io/push"));
    }

    [Fact]
    public void A_path_naming_a_file_is_the_auth_file_itself()
    {
        var fs = new MockFileSystem(new Dictionary<string, MockFileData>
        {
            ["/secrets/push/config.json"] = new("""{"auths":{}}"""),
        });

        Assert.Equal("/secrets/push/config.json", OpenShiftBuildReader.ResolveAuthFile(fs, "/secrets/push/config.json"));
    }

    [Fact]
    public void A_directory_without_a_secret_file_gives_no_auth_file()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory("/secrets/push");
        fs.File.WriteAllText("/secrets/push/other", "x");

        Assert.Null(OpenShiftBuildReader.ResolveAuthFile(fs, "/secrets/push"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/does/not/exist")]
    public void No_path_or_a_missing_path_gives_no_auth_file(string? path)
    {
        Assert.Null(OpenShiftBuildReader.ResolveAuthFile(new MockFileSystem(), path));
    }
}
