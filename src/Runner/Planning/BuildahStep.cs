using BuildRunner.Buildah;

namespace BuildRunner.Planning;

/// <summary>What a buildah run of the plan is for.</summary>
public enum BuildahStepKind
{
    /// <summary><c>buildah bud</c>: builds and tags the image.</summary>
    Build,

    /// <summary><c>buildah push</c> of one output image.</summary>
    Push,

    /// <summary><c>buildah pull</c> of one image into the store (<c>prefetch</c>).</summary>
    Pull,
}

/// <summary>One buildah run the plan will make, exactly as it will be made.</summary>
/// <param name="Kind">Build, push or pull.</param>
/// <param name="Image">The image pushed, for a push; pulled, for a pull.</param>
/// <param name="Invocation">The arguments, environment and purpose.</param>
/// <param name="OutputFile">The file buildah writes its answer to: the image ID for a build, the digest for a push.</param>
public sealed record BuildahStep(BuildahStepKind Kind, string? Image, BuildahInvocation Invocation, string OutputFile)
{
    /// <summary>
    /// For a build with a layer cache: the same build without the cache flags, run instead when buildah ends the
    /// build because it could not write the cache. A cache is an optimisation; it never fails a build.
    /// </summary>
    public BuildahInvocation? WithoutCache { get; init; }

    /// <summary>
    /// For the first push, when its size is reported (image-size-file or a result file): how to read back the manifest
    /// it pushed (<see cref="ManifestReadBack"/>); null otherwise.
    /// </summary>
    public ManifestReadBack? ReadBack { get; init; }
}

/// <summary>Report names of <see cref="BuildahStepKind"/>.</summary>
public static class BuildahStepKindNames
{
    /// <summary><c>build</c>, <c>push</c> or <c>pull</c>.</summary>
    public static string ToName(this BuildahStepKind kind) => kind switch
    {
        BuildahStepKind.Build => "build",
        BuildahStepKind.Pull => "pull",
        _ => "push",
    };
}
