namespace BuildRunner.Reporting;

/// <summary>The short text Kubernetes shows in the pod status (<c>terminationMessagePath</c>).</summary>
public static class TerminationMessage
{
    /// <summary>Kubernetes keeps at most 4096 bytes of a termination message.</summary>
    public const int MaxLength = 4096;

    /// <summary><c>image@digest</c> on success; the error in one or two lines on failure.</summary>
    public static string For(BuildResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string text;
        if (result.Error is ProblemReport error)
        {
            text = $"{error.Message}\nfix: {error.Fix}";
        }
        else if (result.Image is not null && result.Digest is not null)
        {
            text = $"{NameWithoutTag(result.Image)}@{result.Digest}";
        }
        else
        {
            text = result.Image is not null ? $"built {result.Image} (not pushed)" : $"built {result.ImageId}";
        }
        return Shorten(text);
    }

    // Kubernetes counts bytes; cut whole characters (never half a surrogate pair) until the UTF-8 form fits.
    private static string Shorten(string text)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(text) <= MaxLength)
        {
            return text;
        }
        var bytes = 3;
        var kept = new System.Text.StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > MaxLength)
            {
                break;
            }
            kept.Append(rune.ToString());
        }
        return kept.Append("...").ToString();
    }

    // registry:5000/repo/name:tag -> registry:5000/repo/name: the digest replaces the tag.
    private static string NameWithoutTag(string image)
    {
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? image[..colon] : image;
    }
}
