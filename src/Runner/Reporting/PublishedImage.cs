using System.Globalization;

namespace BuildRunner.Reporting;

/// <summary>What a successful push published, as the platforms' result files state it.</summary>
/// <param name="Image">The first output image as given (maybe with <c>docker://</c> and a tag).</param>
/// <param name="Digest">Its pushed manifest digest, <c>sha256:...</c>.</param>
/// <param name="SizeBytes">The compressed size the pushed manifest states, or null when it could not be read back.</param>
public sealed record PublishedImage(string Image, string Digest, long? SizeBytes)
{
    /// <summary>
    /// <c>NAME@sha256:...</c>: the image's repository without transport, tag or digest, pinned to <see cref="Digest"/>
    /// (Tekton's <c>IMAGE_URL</c>, kaniko's image-name-with-digest file).
    /// </summary>
    public string Reference => $"{Repository(Image)}@{Digest}";

    /// <summary>The size as the file holds it: decimal digits, no newline.</summary>
    public string? SizeText => SizeBytes?.ToString(CultureInfo.InvariantCulture);

    /// <summary>The repository of <paramref name="image"/>: no <c>docker://</c>, no <c>@digest</c>, no <c>:tag</c> (a colon before the last slash is a port).</summary>
    public static string Repository(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var name = Buildah.BuildahArguments.WithoutTransport(image);
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            name = name[..at];
        }
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[..colon] : name;
    }
}
