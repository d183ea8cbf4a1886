using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BuildRunner.Planning;

/// <summary>
/// The images a Containerfile builds from, read the way buildah reads them: every stage's <c>FROM</c> and every
/// <c>COPY --from</c>/<c>ADD --from</c> that names an image rather than a stage, with the global <c>ARG</c>s (before
/// the first <c>FROM</c>) and the build arguments substituted, leaving out stage names, stage numbers and
/// <c>scratch</c>. A hermetic build pulls these before buildah loses the network. Pure.
/// </summary>
public static partial class BaseImages
{
    /// <summary>The images <paramref name="containerfile"/> needs from a registry, in order of first use, each once.</summary>
    public static ImmutableArray<string> Of(string containerfile, IEnumerable<KeyValuePair<string, string>> buildArgs)
    {
        ArgumentNullException.ThrowIfNull(containerfile);
        ArgumentNullException.ThrowIfNull(buildArgs);
        var given = buildArgs.GroupBy(a => a.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var globals = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var images = new List<string>();
        var seenFrom = false;
        void Add(string image)
        {
            if (image.Length > 0 && !image.Equals("scratch", StringComparison.OrdinalIgnoreCase) && !stages.Contains(image)
                && !int.TryParse(image, NumberStyles.None, CultureInfo.InvariantCulture, out _) && !images.Contains(image, StringComparer.Ordinal))
            {
                images.Add(image);
            }
        }
        foreach (var instruction in Instructions(containerfile))
        {
            var words = instruction.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var keyword = words[0].ToUpperInvariant();
            if (keyword == "ARG" && !seenFrom)
            {
                foreach (var declaration in words.Skip(1))
                {
                    var eq = declaration.IndexOf('=', StringComparison.Ordinal);
                    var name = eq < 0 ? declaration : declaration[..eq];
                    var value = given.TryGetValue(name, out var v) ? v : eq < 0 ? "" : Unquote(declaration[(eq + 1)..]);
                    globals[name] = value;
                }
            }
            else if (keyword == "FROM")
            {
                seenFrom = true;
                var operands = words.Skip(1).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                if (operands.Count == 0)
                {
                    continue;
                }
                Add(Expand(operands[0], globals));
                if (operands.Count >= 3 && operands[1].Equals("AS", StringComparison.OrdinalIgnoreCase))
                {
                    stages.Add(operands[2]);
                }
            }
            else if (keyword is "COPY" or "ADD")
            {
                foreach (var flag in words.Skip(1).TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)))
                {
                    if (flag.StartsWith("--from=", StringComparison.Ordinal))
                    {
                        Add(Expand(flag["--from=".Length..], globals));
                    }
                }
            }
        }
        return [.. images];
    }

    // Instructions with their continuation lines joined; comment lines and blank lines dropped.
    private static IEnumerable<string> Instructions(string text)
    {
        var current = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#') || (trimmed.Length == 0 && current.Length == 0))
            {
                continue;
            }
            if (line.TrimEnd().EndsWith('\\'))
            {
                current.Append(line.TrimEnd()[..^1]).Append(' ');
                continue;
            }
            current.Append(line);
            var instruction = current.ToString().Trim();
            current.Clear();
            if (instruction.Length > 0)
            {
                yield return instruction;
            }
        }
        if (current.ToString().Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }

    // $NAME, ${NAME}, ${NAME:-default} and ${NAME:+alternative}, as the Containerfile's shell-like words have them.
    private static string Expand(string word, Dictionary<string, string> variables) =>
        Variable().Replace(Unquote(word), m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Value;
            var value = variables.TryGetValue(name, out var v) ? v : "";
            return m.Groups["op"].Value switch
            {
                ":-" => value.Length > 0 ? value : m.Groups["word"].Value,
                ":+" => value.Length > 0 ? m.Groups["word"].Value : "",
                _ => value,
            };
        });

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex(@"\$(?:\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:[-+])(?<word>[^}]*))?\}|(?<plain>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Variable();
}
