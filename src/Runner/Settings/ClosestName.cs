namespace BuildRunner.Settings;

/// <summary>Finds the known name nearest to a misspelt one, so a warning can say what was probably meant.</summary>
public static class ClosestName
{
    /// <summary>
    /// The candidate with the smallest edit distance to <paramref name="name"/>; among equals, the one that shares the
    /// longest start with it (a misspelling usually keeps the start of a word: "tags" means "target", not "jobs").
    /// </summary>
    public static string Find(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        return candidates.OrderBy(c => Distance(name, c)).ThenByDescending(c => CommonStart(name, c)).ThenBy(c => c, StringComparer.Ordinal).First();
    }

    private static int CommonStart(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length])
        {
            length++;
        }
        return length;
    }

    /// <summary>The Levenshtein distance between two strings.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
