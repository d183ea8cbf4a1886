namespace BuildRunner.Settings;

/// <summary>The manifest format of the built image (<c>build-runner/format</c>).</summary>
public enum ImageFormat
{
    /// <summary><c>oci</c>: the OCI image format.</summary>
    Oci,

    /// <summary><c>docker</c>: Docker's v2s2 format, for registries or tools that want it.</summary>
    Docker,
}

/// <summary>Names of <see cref="ImageFormat"/>, as the setting and buildah's <c>--format</c> spell them.</summary>
public static class ImageFormatNames
{
    /// <summary><c>oci</c> or <c>docker</c>.</summary>
    public static string ToName(this ImageFormat format) => format == ImageFormat.Docker ? "docker" : "oci";

    /// <summary>The format a validated setting value names.</summary>
    public static ImageFormat Parse(string name) => name switch
    {
        "oci" => ImageFormat.Oci,
        "docker" => ImageFormat.Docker,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not an image format"),
    };
}
