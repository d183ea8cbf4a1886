namespace BuildRunner.Storage;

/// <summary>Tries a storage configuration for real: initialises a store and writes a layer through a mount.</summary>
public interface IStoreTester
{
    /// <summary>Tries <paramref name="configuration"/>; returns null when it works, otherwise why it does not.</summary>
    Task<string?> TryAsync(StorageConfiguration configuration, CancellationToken cancellationToken);
}
