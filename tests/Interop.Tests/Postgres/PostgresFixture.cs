[assembly: AssemblyFixture(typeof(Interop.Tests.Postgres.PostgresFixture))]

namespace Interop.Tests.Postgres;

/// <summary>
/// One PostgreSQL cluster for the whole test run, started when a test first asks for a database
/// (a run that filters the PostgreSQL tests out starts none); every test gets its own database.
/// </summary>
public sealed class PostgresFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private PostgresCluster? _cluster;

    public async Task<PostgresCluster> ClusterAsync()
    {
        await _starting.WaitAsync();
        try { return _cluster ??= await PostgresCluster.StartAsync(); }
        finally { _starting.Release(); }
    }

    public async Task<string> NewDatabaseAsync(bool withSchema = true) => await (await ClusterAsync()).NewDatabaseAsync(withSchema);

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null) { await _cluster.DisposeAsync(); }
    }
}
