using Desec.Auth.Database;
using Npgsql;

namespace Interop.Tests.Postgres;

/// <summary>`db init` creates the schema, upgrades an older one in place, and is a no-op the second time; the triggers version and notify.</summary>
public sealed class SchemaTests(PostgresFixture postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Init_creates_the_schema_and_a_second_init_is_a_no_op()
    {
        string db = await postgres.NewDatabaseAsync(withSchema: false);
        var (code, _, error) = Cli.Run("db", "init", "--db", db);
        Assert.Equal(0, code);
        Assert.Contains($"migrated to version {Schema.Latest}", error);
        (code, _, error) = Cli.Run("db", "init", "--db", db);
        Assert.Equal(0, code);
        Assert.Contains("up to date", error);
        Assert.Equal((long)Schema.Latest, await TestZones.ScalarAsync<long>(db, "SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task Init_upgrades_a_version_1_database_and_keeps_its_zones()
    {
        string db = await postgres.NewDatabaseAsync(withSchema: false);
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync(Cancel);
            Assert.Equal([1], await Schema.MigrateAsync(connection, target: 1, cancel: Cancel));
        }
        await TestZones.CreateAsync(db, "example.org.", ("www", "A", "192.0.2.1"));
        Assert.Equal(0, Cli.Run("db", "init", "--db", db).Code);
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync(Cancel);
            Assert.Equal(Schema.Latest, await Schema.VersionAsync(connection, Cancel));
        }
        Assert.Equal(4L, await TestZones.ScalarAsync<long>(db, "SELECT count(*) FROM records WHERE zone = 'example.org.'"));
        Assert.Equal(0L, await TestZones.ScalarAsync<long>(db, "SELECT count(*) FROM zone_errors"));
    }

    [Fact]
    public async Task A_transaction_raises_the_version_and_notifies_once_per_zone_at_commit()
    {
        string db = await postgres.NewDatabaseAsync();
        await TestZones.CreateAsync(db, "example.org.");
        long before = await TestZones.ScalarAsync<long>(db, "SELECT version FROM zones WHERE name = 'example.org.'");
        await using var listener = new NpgsqlConnection(db);
        await listener.OpenAsync(Cancel);
        var received = new List<string>();
        listener.Notification += (_, e) => { lock (received) { received.Add(e.Payload); } };
        await TestZones.ExecuteAsync(listener, null, $"LISTEN {Schema.Channel}");

        await using (var writer = new NpgsqlConnection(db))
        {
            await writer.OpenAsync(Cancel);
            await using var transaction = await writer.BeginTransactionAsync(Cancel);
            for (int i = 0; i < 10; i++)
            {
                await TestZones.ExecuteAsync(writer, transaction, "INSERT INTO records (zone, owner, type, ttl, rdata) VALUES ('example.org.', $1, 'A', 60, '192.0.2.9')", $"h{i}");
            }
            await TestZones.ExecuteAsync(writer, transaction, "UPDATE records SET ttl = 61 WHERE zone = 'example.org.' AND owner LIKE 'h%'");
            await TestZones.ExecuteAsync(writer, transaction, "DELETE FROM records WHERE zone = 'example.org.' AND owner = 'h0'");
            // Nothing is seen before COMMIT.
            Assert.False(await listener.WaitAsync(200, Cancel));
            await transaction.CommitAsync(Cancel);
        }
        while (await listener.WaitAsync(300, Cancel)) { }
        Assert.Equal(["example.org."], received);
        Assert.True(await TestZones.ScalarAsync<long>(db, "SELECT version FROM zones WHERE name = 'example.org.'") > before);
    }
}
