using System.Formats.Tar;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using BuildRunner.IntegrationTests.Fixtures;

namespace BuildRunner.IntegrationTests;

/// <summary>
/// The builder image itself, as the engine fixture built it with hack/engine-image.sh, read from outside: no setuid
/// or setgid file in any layer and file capabilities on newuidmap/newgidmap only, its size, its labels against the
/// binary it ships, its bill of materials against the project's package references, two builds of one commit giving
/// one digest, an image derived from it still installing a Debian package, and builds on fuse-overlayfs (which
/// ships a setuid fusermount3 in Debian) in both pod modes.
/// </summary>
[Collection(IntegrationTier.Name)]
public sealed partial class ImageTests(RegistryFixture registry, EngineFixture engine)
{
    /// <summary>The issue's bound, in the SI megabytes podman prints (the image was 358 MB before it).</summary>
    private const long MaximumSizeBytes = 180_000_000;

    private const string SbomPath = "usr/share/build-runner/sbom.cdx.json";

    private ImageStore Store => new(engine.Store);

    [Fact]
    public async Task No_file_in_any_layer_is_setuid_or_setgid_and_only_newuidmap_and_newgidmap_carry_file_capabilities()
    {
        // The file system a container sees, mounted on the node: find for the mode bits, getcap for capabilities.
        await using (var mounted = await Store.MountAsync(EngineFixture.Image))
        {
            var found = await Run.CheckedAsync("find", mounted.Path, "-xdev", "-perm", "/6000", "!", "-type", "l", "-printf", "%m %P\\n");
            Assert.True(found.Trim().Length == 0, "setuid or setgid in the image:\n" + found);

            var capabilities = (await Run.CheckedAsync("getcap", "-r", mounted.Path))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line[mounted.Path.Length..].Trim())
                .Order(StringComparer.Ordinal);
            Assert.Equal(["/usr/bin/newgidmap cap_setgid=ep", "/usr/bin/newuidmap cap_setuid=ep"], capabilities);
        }

        // Every layer as shipped, so a bit a later layer hides is found too.
        var entries = await Store.LayerEntriesAsync(EngineFixture.Image);
        Assert.True(entries.Count > 1000, $"only {entries.Count} entries in the image's layers");
        Assert.Contains(entries, e => e.Path == "usr/bin/buildah");
        var special = entries
            .Where(e => e.Type != TarEntryType.SymbolicLink && (e.Mode & (UnixFileMode.SetUser | UnixFileMode.SetGroup)) != 0)
            .Select(e => $"layer {e.Layer}: {e.Path} {Convert.ToString((int)e.Mode, 8)}").ToList();
        Assert.True(special.Count == 0, "setuid or setgid in a layer:\n" + string.Join('\n', special));
        Assert.Equal(["usr/bin/newgidmap", "usr/bin/newuidmap"],
            entries.Where(e => e.HasFileCapabilities).Select(e => e.Path).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_image_is_at_most_180_MB_as_podman_images_reports_it_and_keeps_a_shell_apt_and_dpkg_but_no_documentation_translations_network_plugins_or_package_lists()
    {
        var listed = await Store.PodmanAsync("images", "--format", "{{.Repository}}:{{.Tag}} {{.Size}}", EngineFixture.Image);
        var size = (await Store.InspectAsync(EngineFixture.Image)).GetProperty("Size").GetInt64();
        Assert.True(size <= MaximumSizeBytes, $"the image is {size} bytes: podman images says {listed.Trim()}");

        await using var mounted = await Store.MountAsync(EngineFixture.Image);
        string At(string path) => Path.Combine(mounted.Path, path);
        foreach (var program in new[] { "bin/sh", "usr/bin/apt-get", "usr/bin/dpkg", "usr/bin/buildah", "usr/bin/fuse-overlayfs", "usr/bin/newuidmap", "usr/local/bin/build-runner" })
        {
            Assert.True(File.Exists(At(program)), $"{program} is missing");
        }
        // Documentation: the copyright files only. Manuals, translations, package lists and caches: nothing.
        var documentation = Directory.EnumerateFiles(At("usr/share/doc"), "*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(documentation);
        Assert.All(documentation, f => Assert.Equal("copyright", Path.GetFileName(f)));
        foreach (var empty in new[] { "usr/share/man", "usr/share/locale", "usr/share/info", "usr/lib/cni", "var/lib/apt/lists", "var/cache/apt", "var/log" })
        {
            var files = Directory.Exists(At(empty)) ? Directory.EnumerateFiles(At(empty), "*", SearchOption.AllDirectories).ToList() : [];
            Assert.True(files.Count == 0, $"{empty} holds {files.Count} files, such as {files.FirstOrDefault()}");
        }
        Assert.False(File.Exists(At("usr/lib/podman/netavark")), "netavark is only installed for buildah's dependency");
        Assert.False(File.Exists(At("var/cache/ldconfig/aux-cache")), "ldconfig's aux-cache differs between builds");
    }

    [Fact]
    public async Task The_labels_name_the_version_and_revision_the_binary_in_the_image_prints_the_commit_time_the_source_and_the_capabilities()
    {
        var image = await Store.InspectAsync(EngineFixture.Image);
        var labels = image.GetProperty("Labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        using var sandbox = Sandbox.Create("image-version");
        var volume = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "storage")).FullName;

        var run = await engine.RunAsync(volume, ["--cap-drop=all", "--cap-add=SETUID,SETGID,SETFCAP,SYS_CHROOT"], "version");

        Assert.True(run.ExitCode == 0, run.All);
        var printed = VersionLines().Match(run.StandardOutput);
        Assert.True(printed.Success, run.StandardOutput);
        Assert.Equal(printed.Groups["version"].Value, labels["org.opencontainers.image.version"]);
        Assert.Equal(printed.Groups["revision"].Value, labels["org.opencontainers.image.revision"]);
        var revision = labels["org.opencontainers.image.revision"];
        Assert.Matches("^[0-9a-f]{40}$", revision);
        Assert.Equal("commit", (await Git("cat-file", "-t", revision)).Trim());

        // Created: the revision's commit time, in the label and as the image's own creation time.
        var committed = DateTimeOffset.FromUnixTimeSeconds(long.Parse((await Git("log", "-1", "--format=%ct", revision)).Trim(), CultureInfo.InvariantCulture));
        Assert.Equal(committed, DateTimeOffset.Parse(labels["org.opencontainers.image.created"], CultureInfo.InvariantCulture));
        Assert.Equal(committed, image.GetProperty("Created").GetDateTimeOffset());

        var source = new Uri(labels["org.opencontainers.image.source"]);
        Assert.True(source.IsAbsoluteUri && source.UserInfo.Length == 0, source.ToString());
        Assert.Equal("build-runner", labels["org.opencontainers.image.title"]);
        Assert.False(string.IsNullOrWhiteSpace(labels["org.opencontainers.image.description"]));
        Assert.False(string.IsNullOrWhiteSpace(labels["org.opencontainers.image.licenses"]));
        Assert.Equal("SETUID,SETGID,SETFCAP,SYS_CHROOT", labels["io.containers.capabilities"]);
    }

    [Fact]
    public async Task The_bill_of_materials_in_the_image_lists_every_package_the_runner_references_with_its_version()
    {
        var labels = (await Store.InspectAsync(EngineFixture.Image)).GetProperty("Labels");
        JsonElement sbom;
        await using (var mounted = await Store.MountAsync(EngineFixture.Image))
        {
            sbom = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(mounted.Path, SbomPath))).RootElement;
        }

        Assert.Equal("CycloneDX", sbom.GetProperty("bomFormat").GetString());
        var subject = sbom.GetProperty("metadata").GetProperty("component");
        Assert.Equal("build-runner", subject.GetProperty("name").GetString());
        Assert.Equal(labels.GetProperty("org.opencontainers.image.version").GetString(), subject.GetProperty("version").GetString());
        var components = sbom.GetProperty("components").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (Version: c.GetProperty("version").GetString(), Purl: c.GetProperty("purl").GetString()));

        var references = XDocument.Load(Repository.Path_("src", "Runner", "Runner.csproj")).Descendants("PackageReference")
            .ToDictionary(r => (string)r.Attribute("Include")!, r => (string)r.Attribute("Version")!);
        Assert.Superset(new HashSet<string> { "CliWrap", "Microsoft.Extensions.Logging", "System.IO.Abstractions" }, references.Keys.ToHashSet());
        foreach (var (name, version) in references)
        {
            Assert.True(components.TryGetValue(name, out var component), $"{name} is not in the bill of materials");
            Assert.Equal(version, component.Version);
            Assert.Equal($"pkg:nuget/{name}@{version}", component.Purl);
        }
        // The resolved graph, not only the direct references.
        Assert.Contains("Microsoft.Extensions.Logging.Abstractions", components.Keys);
    }

    [Fact]
    public async Task Two_builds_from_the_same_commit_in_fresh_stores_give_one_image_ID_and_one_digest_in_the_store_and_in_a_registry()
    {
        string[] stores = [NewStoreDir(), NewStoreDir()];
        const string Tag = "localhost/build-runner/builder:reproducible";
        try
        {
            var identities = new List<(string Id, string Digest)>();
            var pushed = new List<string?>();
            foreach (var (dir, index) in stores.Select((d, i) => (d, i)))
            {
                var build = await Run.ProcessAsync(Repository.Path_("hack", "engine-image.sh"), [dir, Tag]);
                Assert.True(build.ExitCode == 0, build.All);
                var store = new ImageStore(dir);
                identities.Add(await store.IdentityAsync(Tag));
                var reference = $"{registry.Address}/reproducible/builder:build{index}";
                await store.BuildahAsync("push", "--quiet", "--tls-verify=false", Tag, "docker://" + reference);
                pushed.Add((await RegistryImage.InspectAsync(reference)).GetProperty("Digest").GetString());
            }

            Assert.Equal(identities[0], identities[1]);
            Assert.Equal(pushed[0], pushed[1]);
            // And the image every engine test runs is that same image.
            Assert.Equal(identities[0], await Store.IdentityAsync(EngineFixture.Image));
        }
        finally
        {
            foreach (var dir in stores)
            {
                await Run.ProcessAsync("rm", ["-rf", dir]);
            }
        }
    }

    [Fact]
    public async Task An_image_derived_from_it_installs_a_Debian_package_with_apt_and_its_documentation_manual_and_translations_stay_out()
    {
        using var sandbox = Sandbox.Create("image-derived");
        var context = sandbox.AddContext("derived", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {EngineFixture.Image}\nCOPY probe.deb /tmp/probe.deb\n"
                + "RUN apt-get install -y /tmp/probe.deb && rm /tmp/probe.deb && br-derived-probe > /probe-ran\n",
        });
        await MakeProbePackageAsync(sandbox.Dir, Path.Combine(context, "probe.deb"));
        const string Derived = "localhost/build-runner/derived:test";

        await Store.BuildahAsync("bud", "--quiet", "--isolation", "chroot", "--pull-never", "-t", Derived, context);

        await using var mounted = await Store.MountAsync(Derived);
        string At(string path) => Path.Combine(mounted.Path, path);
        Assert.Equal("the probe package ran\n", File.ReadAllText(At("probe-ran")));
        Assert.True(File.Exists(At("usr/bin/br-derived-probe")));
        Assert.Contains("Package: br-derived-probe\nStatus: install ok installed", File.ReadAllText(At("var/lib/dpkg/status")), StringComparison.Ordinal);
        Assert.True(File.Exists(At("usr/share/doc/br-derived-probe/copyright")), "copyright files stay");
        Assert.False(File.Exists(At("usr/share/doc/br-derived-probe/README")));
        Assert.False(File.Exists(At("usr/share/man/man1/br-derived-probe.1.gz")));
        Assert.False(File.Exists(At("usr/share/locale/de/LC_MESSAGES/br-derived-probe.mo")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task With_dev_fuse_it_builds_and_pushes_on_fuse_overlayfs_as_root_of_the_namespace_and_as_uid_1000_with_no_setuid_fusermount3(int user)
    {
        Assert.True(File.Exists("/dev/fuse"), "/dev/fuse is missing on this node (hack/install-deps.sh makes it usable)");
        using var sandbox = Sandbox.Create($"image-fuse-{user}");
        var context = sandbox.AddContext("chown", new Dictionary<string, string>
        {
            ["Containerfile"] = $"FROM {registry.BaseImage}\nRUN mkdir /owned && touch /owned/a && chown 1234:5678 /owned/a\n",
        });
        var image = $"{registry.Address}/image/fuse:{user}";
        Directory.CreateDirectory(sandbox.Out);
        var volume = Directory.CreateDirectory(Path.Combine(sandbox.Dir, "storage")).FullName;
        // As deploy/ runs the two pods: root with no-new-privileges and a read-only root; uid 1000 with privilege
        // escalation allowed for the file-capability newuidmap. Both get the four capabilities and /dev/fuse.
        string[] identity = user == 0 ? ["--security-opt", "no-new-privileges", "--read-only"] : ["--user", "1000:1000"];

        var run = await engine.RunAsync(volume,
            ["--cap-drop=all", "--cap-add=SETUID,SETGID,SETFCAP,SYS_CHROOT", "--device", "/dev/fuse", .. identity,
             "-v", context + ":/workspace:ro", "-v", sandbox.Out + ":/out:U"],
            "build", "--context", "/workspace", "--tag", image, "--tls-verify=false", "--storage-driver", "fuse-overlayfs",
            "--result", "/out/result.json");

        Assert.True(run.ExitCode == 0, run.All);
        var result = sandbox.ReadResult();
        Assert.Equal("fuse-overlayfs", result.GetProperty("storageDriver").GetString());
        Assert.Equal((await RegistryImage.InspectAsync(image)).GetProperty("Digest").GetString(), result.GetProperty("digest").GetString());
        var files = await RegistryImage.FilesAsync(image);
        Assert.Equal((1234, 5678), files.Where(f => f.Path == "owned/a").Select(f => (f.Uid, f.Gid)).Single());
    }

    /// <summary>A small Debian package made here (no network): a program, a copyright file, a README, a manual page
    /// and a translation, so the test sees which of them dpkg unpacks in the derived image.</summary>
    private static async Task MakeProbePackageAsync(string work, string deb)
    {
        var root = Path.Combine(work, "probe-package");
        var files = new Dictionary<string, string>
        {
            ["DEBIAN/control"] = "Package: br-derived-probe\nVersion: 1.0\nArchitecture: all\nMaintainer: build-runner tests <tests@build-runner.invalid>\n"
                + "Depends: libc6, dpkg\nDescription: probe for images derived from the builder image\n",
            ["usr/bin/br-derived-probe"] = "#!/bin/sh\necho 'the probe package ran'\n",
            ["usr/share/doc/br-derived-probe/copyright"] = "Public domain test fixture.\n",
            ["usr/share/doc/br-derived-probe/README"] = "documentation\n",
            ["usr/share/man/man1/br-derived-probe.1.gz"] = "a manual page\n",
            ["usr/share/locale/de/LC_MESSAGES/br-derived-probe.mo"] = "a translation\n",
        };
        foreach (var (path, content) in files)
        {
            var target = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, content);
        }
        await Run.CheckedAsync("chmod", "-R", "u=rwX,go=rX", root);
        await Run.CheckedAsync("chmod", "0755", Path.Combine(root, "usr/bin/br-derived-probe"));
        await Run.CheckedAsync("dpkg-deb", "--root-owner-group", "--build", root, deb);
    }

    private static Task<string> Git(params string[] arguments) => Run.CheckedAsync("git", ["-C", Repository.Root, .. arguments]);

    /// <summary>A fresh store folder (short: podman refuses a run root longer than 50 characters).</summary>
    private static string NewStoreDir() => Path.Combine("/var/lib", $"br-repro-{Guid.NewGuid():N}"[..17]);

    [GeneratedRegex(@"^build-runner (?<version>\S+) \(.*\)\nrevision (?<revision>\S+)\n", RegexOptions.Multiline)]
    private static partial Regex VersionLines();
}
