using System.Security.Cryptography;
using System.Text;
using BuildRunner.Buildah;

namespace BuildRunner.Tests.Buildah;

public class PushedManifestTests
{
    // A manifest buildah 1.28 pushed to docker-registry 2.8 (captured 2026-11-28: FROM scratch, COPY one file).
    private const string Oci = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:4c8d643ed2ecc605cc5410819bd70b8eb96ccb6d7c975778c11866b2c88623a7\",\"size\":494},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:34fc8adb2e588802963d9e2fcac45250010847fcb2051e3ec97a33f49afb4812\",\"size\":102}],\"annotations\":{\"org.opencontainers.image.base.digest\":\"\",\"org.opencontainers.image.base.name\":\"\"}}";

    private static string DigestOf(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void The_size_is_the_config_plus_every_layer_of_the_bytes_whose_digest_was_pushed()
    {
        Assert.Equal("sha256:6d7c63a2b80b616cc69697fe04a96e241f0aca873ddfb084efbc077932ff49d6", DigestOf(Oci));

        Assert.Equal(494 + 102, PushedManifest.SizeOf(Oci, DigestOf(Oci), out var why));
        Assert.Null(why);
    }

    [Fact]
    public void Several_layers_are_summed()
    {
        var manifest = "{\"schemaVersion\":2,\"config\":{\"size\":1000},\"layers\":[{\"size\":2000000000},{\"size\":3000000000},{\"size\":7}]}";

        Assert.Equal(5_000_001_007L, PushedManifest.SizeOf(manifest, DigestOf(manifest), out _));
    }

    [Fact]
    public void Bytes_that_do_not_hash_to_the_pushed_digest_give_no_size_and_say_so()
    {
        var reencoded = Oci.Replace(",\"", ", \"", StringComparison.Ordinal);

        Assert.Null(PushedManifest.SizeOf(reencoded, DigestOf(Oci), out var why));
        Assert.Equal($"the manifest read back hashes to {DigestOf(reencoded)}, not to the pushed digest {DigestOf(Oci)}", why);
    }

    [Theory]
    [InlineData("{\"schemaVersion\":2,\"manifests\":[{\"size\":500}]}")]
    [InlineData("{\"config\":{\"size\":1},\"layers\":[{\"digest\":\"sha256:00\"}]}")]
    [InlineData("{\"config\":{\"size\":-1},\"layers\":[]}")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public void An_index_or_a_manifest_without_sizes_gives_no_size(string manifest)
    {
        Assert.Null(PushedManifest.SizeOf(manifest, DigestOf(manifest), out var why));
        Assert.NotNull(why);
    }
}
