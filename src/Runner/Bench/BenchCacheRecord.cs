namespace BuildRunner.Bench;

/// <summary>
/// The layer-cache pass of one workload on one driver: the runner's cold build with a cache repository (it runs every
/// step and pushes each layer to the cache), and its rebuild in a fresh store after one source file changed (it pulls
/// the layers before the change from the cache and runs the steps from the change on).
/// </summary>
/// <param name="Workload">The workload.</param>
/// <param name="Driver">The storage driver.</param>
/// <param name="EditedFile">The source file changed before each rebuild (relative to the context).</param>
/// <param name="Cold">The cold builds' times.</param>
/// <param name="Rebuild">The rebuilds' times.</param>
/// <param name="Ratio">The rebuild's median over the cold build's median.</param>
/// <param name="Steps">The steps of a rebuild (buildah's <c>STEP n/m</c> lines, FROM not counted).</param>
/// <param name="StepsFromCache">The rebuild's steps whose layer came from the cache (the fewest over the runs).</param>
public sealed record BenchCacheRecord(string Workload, string Driver, string EditedFile, TimingSummary Cold, TimingSummary Rebuild, double Ratio, int Steps, int StepsFromCache)
{
    /// <summary>The steps a rebuild ran itself.</summary>
    public int StepsRun => Steps - StepsFromCache;
}
