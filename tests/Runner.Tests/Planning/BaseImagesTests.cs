using BuildRunner.Planning;

namespace BuildRunner.Tests.Planning;

public class BaseImagesTests
{
    private static readonly KeyValuePair<string, string>[] None = [];

    [Fact]
    public void Every_stages_FROM_is_named_once_without_stage_names_or_scratch()
    {
        const string containerfile = """
            # syntax comment
            FROM registry.example/base/go:1.22 AS build
            RUN go build
            FROM --platform=linux/amd64 registry.example/base/tools:1 as tools
            FROM build AS test
            FROM scratch
            COPY --from=build /app /app
            COPY --from=tools /bin/x /x
            FROM registry.example/base/go:1.22
            """;

        Assert.Equal(["registry.example/base/go:1.22", "registry.example/base/tools:1"], BaseImages.Of(containerfile, None).AsEnumerable());
    }

    [Fact]
    public void Global_ARGs_fill_FROM_with_build_arguments_overriding_their_defaults()
    {
        const string containerfile = """
            ARG REGISTRY=registry.example
            ARG TAG="1.0"
            ARG BASE
            FROM ${REGISTRY}/app/base:$TAG
            FROM ${BASE:-fallback.example/x:1}
            ARG TAG=ignored-after-from
            """;

        Assert.Equal(["127.0.0.1:5000/app/base:1.0", "fallback.example/x:1"],
            BaseImages.Of(containerfile, [new("REGISTRY", "127.0.0.1:5000")]).AsEnumerable());
        Assert.Equal(["registry.example/app/base:2", "127.0.0.1:5000/b:1"],
            BaseImages.Of(containerfile, [new("TAG", "2"), new("BASE", "127.0.0.1:5000/b:1")]).AsEnumerable());
    }

    [Fact]
    public void COPY_from_an_image_rather_than_a_stage_or_a_stage_number_is_pulled_too()
    {
        const string containerfile = """
            FROM registry.example/a:1 AS first
            FROM scratch
            COPY --from=0 /a /a
            COPY --from=first /b /b
            COPY --chown=1:1 --from=registry.example/tools:2 /bin/tool /tool
            ADD --from=FIRST /c /c
            """;

        Assert.Equal(["registry.example/a:1", "registry.example/tools:2"], BaseImages.Of(containerfile, None).AsEnumerable());
    }

    [Fact]
    public void Continuation_lines_and_blank_lines_are_read_as_buildah_reads_them()
    {
        const string containerfile = "FROM \\\n  registry.example/a:1 \\\n  AS one\r\n\r\nRUN true\nFROM one\n";

        Assert.Equal(["registry.example/a:1"], BaseImages.Of(containerfile, None).AsEnumerable());
    }

    [Fact]
    public void A_FROM_scratch_build_needs_no_image()
    {
        Assert.Empty(BaseImages.Of("FROM scratch\nCOPY busybox /bin/busybox\n", None));
    }
}
