using Desec.Zone.Records;

namespace Interop.Tests.Postgres;

/// <summary>
/// Losing the database never stops serving; on reconnection every change made meanwhile (whose
/// notifications went to nobody) is caught up by comparing versions: a changed zone, a removed one, a new one.
/// </summary>
public sealed class ReconnectTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Changes_made_while_disconnected_are_caught_up_and_serving_never_stops()
    {
        // A cluster of its own: this test stops and starts it.
        await using var cluster = await PostgresCluster.StartAsync();
        string db = await cluster.NewDatabaseAsync();
        string name = new Npgsql.NpgsqlConnectionStringBuilder(db).Database!;
        await TestZones.CreateAsync(db, "a.example.", ("www", "A", "192.0.2.1"));
        await TestZones.CreateAsync(db, "b.example.", ("www", "A", "192.0.2.1"));
        await using var server = await DatabaseServer.StartAsync(db);

        using var stop = new CancellationTokenSource();
        int asked = 0, unanswered = 0;
        var querier = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                asked++;
                if (server.Ask("www.a.example.", RRType.A) is not { Rcode: 0 }) { unanswered++; }
                Thread.Sleep(5);
            }
        }, Cancel);

        cluster.StopServer();
        Assert.True(await DatabaseServer.WaitUntil(() => server.Log.Contains("connection lost"), TimeSpan.FromSeconds(10)), server.Log);
        // Back, but on its Unix socket only: the server cannot reach it while these changes are made.
        await cluster.StartServerAsync(tcp: false);
        string local = cluster.SocketConnectionString(name);
        Npgsql.NpgsqlConnection.ClearAllPools();
        await TestZones.ExecuteAsync(local, "UPDATE records SET rdata = '192.0.2.2' WHERE zone = 'a.example.' AND owner = 'www'");
        await TestZones.ExecuteAsync(local, "DELETE FROM zones WHERE name = 'b.example.'");
        await TestZones.CreateAsync(local, "c.example.", ("www", "A", "192.0.2.3"));
        await Task.Delay(300, Cancel);
        cluster.StopServer();
        await cluster.StartServerAsync(tcp: true);
        // This test's own pooled connections died with the server too.
        Npgsql.NpgsqlConnection.ClearAllPools();

        bool caughtUp = await DatabaseServer.WaitUntil(
            () => server.Ask("www.a.example.", RRType.A)?.Answer.Any(l => l.EndsWith(" A 192.0.2.2")) == true
                && server.Zone("b.example.") is null
                && server.Ask("www.c.example.", RRType.A)?.Answer.Any(l => l.EndsWith(" A 192.0.2.3")) == true,
            TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await querier;
        Assert.True(caughtUp, server.Log);
        Assert.Equal(0, unanswered);
        Assert.True(asked > 20);
        // The catch-up may come first from the reader's own retry; the listener reconnects on its back-off.
        Assert.True(await DatabaseServer.WaitUntil(() => server.Log.Contains("database connection back"), TimeSpan.FromSeconds(10)), server.Log);
        // Live again: a change now arrives by notification.
        await TestZones.ExecuteAsync(db, "UPDATE records SET rdata = '192.0.2.4' WHERE zone = 'c.example.' AND owner = 'www'");
        Assert.True(await DatabaseServer.WaitUntil(
            () => server.Ask("www.c.example.", RRType.A)?.Answer.Any(l => l.EndsWith(" A 192.0.2.4")) == true, TimeSpan.FromSeconds(10)), server.Log);
    }
}
