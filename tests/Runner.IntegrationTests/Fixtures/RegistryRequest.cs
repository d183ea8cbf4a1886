using System.Text.RegularExpressions;

namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>One request in docker-registry's access log (Apache combined format, on its standard output).</summary>
/// <param name="Method">GET, HEAD, POST, PATCH or PUT.</param>
/// <param name="Uri">The path and query, still URL-encoded.</param>
/// <param name="Status">The HTTP status it was answered with.</param>
public sealed partial record RegistryRequest(string Method, string Uri, int Status)
{
    /// <summary>The request a log line records, or null for any other line.</summary>
    public static RegistryRequest? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = Line().Match(line);
        return match.Success
            ? new RegistryRequest(match.Groups["method"].Value, match.Groups["uri"].Value, int.Parse(match.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>The blob digest this request finished uploading to <paramref name="repository"/> (the PUT that closes an upload), or null.</summary>
    public string? UploadedTo(string repository) =>
        Method == "PUT" && Status == 201 && Uri.StartsWith($"/v2/{repository}/blobs/uploads/", StringComparison.Ordinal) ? Digest() : null;

    /// <summary>The blob digest this request mounted into <paramref name="repository"/> from another repository without uploading it, or null.</summary>
    public string? MountedInto(string repository) =>
        Method == "POST" && Status == 201 && Uri.StartsWith($"/v2/{repository}/blobs/uploads/?", StringComparison.Ordinal) && Uri.Contains("mount=", StringComparison.Ordinal)
            ? Digest("mount")
            : null;

    private string? Digest(string parameter = "digest")
    {
        var match = Regex.Match(Uri, $@"[?&]{parameter}=(sha256(%3A|:)[0-9a-f]{{64}})");
        return match.Success ? match.Groups[1].Value.Replace("%3A", ":", StringComparison.Ordinal) : null;
    }

    [GeneratedRegex("""^\S+ \S+ \S+ \[[^\]]*\] "(?<method>[A-Z]+) (?<uri>\S+) HTTP/[0-9.]+" (?<status>\d{3}) """)]
    private static partial Regex Line();
}
