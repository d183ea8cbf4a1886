namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>All integration tests share one registry and one builder image, and run one at a time (two cores; real builds).</summary>
[CollectionDefinition(Name)]
public sealed class IntegrationTier : ICollectionFixture<RegistryFixture>, ICollectionFixture<EngineFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "integration";
}
