using BuildRunner.Planning;
using BuildRunner.Settings;

namespace BuildRunner.Secrets;

/// <summary>
/// Every value of a build that must never be shown, gathered once into the plan's <see cref="SecretMask"/>: build-argument
/// values (with the build-args-file's), the content of each <c>build-runner/secrets</c> file, the credentials in the auth
/// file, and the passwords in proxy URLs.
/// </summary>
public static class SecretValues
{
    /// <summary>The mask of <paramref name="settings"/> and the secret files read for them.</summary>
    public static SecretMask Collect(BuildSettings settings, SecretFacts facts)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(facts);
        var values = new List<string>();
        values.AddRange(settings.BuildArgs.Select(a => a.Value));
        values.AddRange(settings.Proxy.Passwords());
        if (facts.BuildArgsFileContent is string buildArgsFile && BuildArgsFile.TryParse(buildArgsFile, out var fromFile, out _))
        {
            // Including a value the explicit build-args replace: it is in the file all the same.
            values.AddRange(fromFile.Select(a => a.Value));
        }
        foreach (var file in facts.Files)
        {
            if (file.Content is string content)
            {
                values.AddRange(OfFile(content));
            }
        }
        if (facts.AuthFileContent is string auth)
        {
            values.AddRange(AuthFileSecrets.Values(auth));
        }
        return new SecretMask(values);
    }

    /// <summary>
    /// A secret file's value as a RUN step would print it: whole, without the newline most such files end with, and
    /// line by line, since buildah's output reaches the runner one line at a time (a key file is printed over many).
    /// </summary>
    public static IEnumerable<string> OfFile(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var whole = content.Trim();
        yield return whole;
        if (whole.Contains('\n', StringComparison.Ordinal))
        {
            foreach (var line in whole.Split('\n'))
            {
                yield return line.Trim();
            }
        }
    }
}
