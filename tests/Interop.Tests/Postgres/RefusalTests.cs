using Desec.Auth.Config;
using Desec.Zone.Records;
using Npgsql;

namespace Interop.Tests.Postgres;

/// <summary>
/// A change that makes a zone invalid is refused whole: the last good version keeps serving, and the
/// reason is logged and written to zone_errors with the row at fault. A zone in both sources stops start-up.
/// </summary>
public sealed class RefusalTests(PostgresFixture postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string, string> BadRows => new()
    {
        // owner, type, rdata, part of the reason
        { "www", "TXT", "\"beside a CNAME\"", "CNAME" },
        { "mail", "A", "192.0.2.300", "bad address" },
        { "@", "DNSKEY", "257 3 13 AAAA", "provisioned DNSKEY" },
        { "sub", "DNSKEY", "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==", "only allowed at the apex" },
        { "x", "NOSUCHTYPE", "1", "unknown type" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task An_invalid_change_is_refused_and_recorded_and_the_old_version_stays(string owner, string type, string rdata, string reason)
    {
        string db = await postgres.NewDatabaseAsync();
        const string Zone = "bad.example.";
        await TestZones.CreateAsync(db, Zone, ("www", "CNAME", "host"), ("host", "A", "192.0.2.1"));
        await using var server = await DatabaseServer.StartAsync(db);
        uint serial = server.Zone(Zone)!.Zone.Serial;

        // The bad row comes with a good change in the same transaction: neither is served.
        long badRow;
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync(Cancel);
            await using var transaction = await connection.BeginTransactionAsync(Cancel);
            await TestZones.ExecuteAsync(connection, transaction, "UPDATE records SET rdata = '192.0.2.2' WHERE zone = $1 AND owner = 'host'", Zone);
            await using var insert = new NpgsqlCommand("INSERT INTO records (zone, owner, type, ttl, rdata) VALUES ($1, $2, $3, 300, $4) RETURNING id", connection, transaction);
            insert.Parameters.AddWithValue(Zone);
            insert.Parameters.AddWithValue(owner);
            insert.Parameters.AddWithValue(type);
            insert.Parameters.AddWithValue(rdata);
            badRow = (long)(await insert.ExecuteScalarAsync(Cancel))!;
            await transaction.CommitAsync(Cancel);
        }
        Assert.True(await DatabaseServer.WaitUntil(() => ErrorCount(db, Zone) > 0, TimeSpan.FromSeconds(10)), server.Log);
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync(Cancel);
            await using var read = new NpgsqlCommand("SELECT record_id, record, why, zone_version FROM zone_errors WHERE zone = $1", connection);
            read.Parameters.AddWithValue(Zone);
            await using var reader = await read.ExecuteReaderAsync(Cancel);
            Assert.True(await reader.ReadAsync(Cancel));
            Assert.Equal(badRow, reader.GetInt64(0));
            Assert.Contains(rdata, reader.GetString(1));
            Assert.Contains(reason, reader.GetString(2));
        }
        Assert.Contains($"records row {badRow}", server.Log);
        Assert.Equal(serial, server.Zone(Zone)!.Zone.Serial);
        Assert.Contains(server.Ask("host.bad.example.", RRType.A)!.Answer, l => l.EndsWith(" A 192.0.2.1"));

        // Fixing the row makes the next version good, and it is served.
        await TestZones.ExecuteAsync(db, "DELETE FROM records WHERE id = $1", badRow);
        Assert.True(await DatabaseServer.WaitUntil(
            () => server.Ask("host.bad.example.", RRType.A)?.Answer.Any(l => l.EndsWith(" A 192.0.2.2")) == true, TimeSpan.FromSeconds(10)), server.Log);
        Assert.Equal(1, ErrorCount(db, Zone));
    }

    [Fact]
    public async Task A_zone_in_the_folder_and_in_the_database_stops_start_up()
    {
        string db = await postgres.NewDatabaseAsync();
        await TestZones.CreateAsync(db, "twice.example.");
        await TestZones.CreateAsync(db, "once.example.");
        string folder = Path.Combine(Path.GetTempPath(), "twice-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "twice.example.zone"), "$TTL 300\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n");
            var error = await Assert.ThrowsAsync<ConfigException>(() => DatabaseServer.StartAsync(db, c => c with { Zones = folder }));
            Assert.Contains("twice.example.", error.Message);

            // Apart, both sources serve side by side.
            File.Move(Path.Combine(folder, "twice.example.zone"), Path.Combine(folder, "file.example.zone"));
            await using var server = await DatabaseServer.StartAsync(db, c => c with { Zones = folder });
            Assert.NotNull(server.Zone("file.example."));
            Assert.NotNull(server.Zone("twice.example."));
            Assert.NotNull(server.Zone("once.example."));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static int ErrorCount(string db, string zone) =>
        (int)TestZones.ScalarAsync<long>(db, "SELECT count(*) FROM zone_errors WHERE zone = $1", zone).GetAwaiter().GetResult();
}
