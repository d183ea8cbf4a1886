namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>Paths in the checkout the tests run from.</summary>
public static class Repository
{
    /// <summary>The checkout's root (the folder holding Runner.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The native binary hack/build.sh publishes; hack/test.sh builds it before this tier runs.</summary>
    public static string Binary => Path.Combine(Root, "artifacts", "build-runner");

    /// <summary>A path under the checkout.</summary>
    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Runner.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("cannot find Runner.sln above " + AppContext.BaseDirectory);
    }
}
