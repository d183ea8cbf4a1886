namespace BuildRunner.IntegrationTests.Fixtures;

/// <summary>A file in a pushed layer, as the tar header records it.</summary>
public sealed record ImageLayerEntry(string Path, int Uid, int Gid, string? Content);
