namespace BuildRunner.Tests;

/// <summary>The checkout the tests run from, for the few tests that read its files (README tables, sources).</summary>
internal static class Checkout
{
    /// <summary>The folder holding Runner.sln.</summary>
    public static string Root { get; } = Find();

    /// <summary>A file of the checkout, as text with \n line ends.</summary>
    public static string Read(params string[] parts) => File.ReadAllText(Path.Combine([Root, .. parts])).ReplaceLineEndings("\n");

    private static string Find()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Runner.sln")))
        {
            root = root.Parent;
        }
        return root?.FullName ?? throw new InvalidOperationException("cannot find Runner.sln above " + AppContext.BaseDirectory);
    }
}
