namespace BuildRunner.Storage;

/// <summary>Tries a storage configuration for real: writes a file through a mount of the driver in a scratch store.</summary>
public interface IStoreTester
{
    /// <summary>Tries <paramref name="configuration"/>; returns null when it works, otherwise why it does not.</summary>
    Task<string?> TryAsync(StorageConfiguration configuration, CancellationToken cancellationToken);
}
