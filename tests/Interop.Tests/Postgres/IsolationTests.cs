using Desec.Zone.Records;
using Npgsql;

namespace Interop.Tests.Postgres;

/// <summary>
/// One zone's trouble never stops another zone: a row that makes reading throw, or a zone that cannot
/// be signed, keeps its last good version (or none), is written to zone_errors with the step and the
/// reason, and is tried again; every other zone's changes are served meanwhile, and the server starts.
/// </summary>
public sealed class IsolationTests(PostgresFixture postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static bool Answers(DatabaseServer server, string name, string address) =>
        server.Ask(name, RRType.A)?.Answer.Any(l => l.EndsWith(" A " + address)) == true;

    private static long Errors(string db, string zone) =>
        TestZones.ScalarAsync<long>(db, "SELECT count(*) FROM zone_errors WHERE zone = $1", zone).GetAwaiter().GetResult();

    // A NULL inside the digest-type array: reading the zones row throws (rather than refusing the value).
    private const string BreakRow = "UPDATE zones SET cds_digest_types = ARRAY[2, NULL]::smallint[] WHERE name = 'bad.example.'";

    [Fact]
    public async Task A_row_that_reading_chokes_on_stops_only_its_own_zone_live_and_at_start_up()
    {
        string db = await postgres.NewDatabaseAsync();
        await TestZones.CreateAsync(db, "good.example.", ("www", "A", "192.0.2.1"));
        await TestZones.CreateAsync(db, "bad.example.", ("www", "A", "192.0.2.1"));
        await using (var server = await DatabaseServer.StartAsync(db))
        {
            uint badSerial = server.Zone("bad.example.")!.Zone.Serial;
            await TestZones.ExecuteAsync(db, BreakRow);
            await TestZones.ExecuteAsync(db, "UPDATE records SET rdata = '192.0.2.2' WHERE zone = 'bad.example.' AND owner = 'www'");
            await TestZones.ExecuteAsync(db, "UPDATE records SET rdata = '192.0.2.2' WHERE zone = 'good.example.' AND owner = 'www'");
            Assert.True(await DatabaseServer.WaitUntil(() => Answers(server, "www.good.example.", "192.0.2.2"), TimeSpan.FromSeconds(15)), server.Log);
            Assert.True(await DatabaseServer.WaitUntil(() => Errors(db, "bad.example.") > 0, TimeSpan.FromSeconds(15)), server.Log);
            Assert.Equal(badSerial, server.Zone("bad.example.")!.Zone.Serial);
            Assert.True(Answers(server, "www.bad.example.", "192.0.2.1"));

            // Later changes to any zone still come through.
            await TestZones.ExecuteAsync(db, "UPDATE records SET rdata = '192.0.2.3' WHERE zone = 'good.example.' AND owner = 'www'");
            Assert.True(await DatabaseServer.WaitUntil(() => Answers(server, "www.good.example.", "192.0.2.3"), TimeSpan.FromSeconds(15)), server.Log);

            // Mended, the zone's newest rows are served.
            await TestZones.ExecuteAsync(db, "UPDATE zones SET cds_digest_types = NULL WHERE name = 'bad.example.'");
            Assert.True(await DatabaseServer.WaitUntil(() => Answers(server, "www.bad.example.", "192.0.2.2"), TimeSpan.FromSeconds(15)), server.Log);
        }

        // Broken again while the server is down: it starts, and serves every other zone.
        await TestZones.ExecuteAsync(db, BreakRow);
        await using var restarted = await DatabaseServer.StartAsync(db);
        Assert.True(Answers(restarted, "www.good.example.", "192.0.2.3"), restarted.Log);
        Assert.Null(restarted.Zone("bad.example."));
    }

    [Fact]
    public async Task A_database_zone_that_cannot_be_signed_is_recorded_with_the_step_and_retried()
    {
        string db = await postgres.NewDatabaseAsync();
        await TestZones.CreateAsync(db, "ok.example.", ("www", "A", "192.0.2.1"));
        await TestZones.CreateAsync(db, "keyless.example.", ("www", "A", "192.0.2.1"));
        string state = Path.Combine(Path.GetTempPath(), "keys-state-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // A public key without its private part: the zone's keys cannot be loaded.
            string broken = Path.Combine(state, "keys", "Kkeyless.example.+013+00001.key");
            Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
            File.WriteAllText(broken, "keyless.example. IN DNSKEY 257 3 13 AAAA\n");
            await using var server = await DatabaseServer.StartAsync(db, c => c with { State = state, PublishRetryFirst = "1" });
            Assert.True(Answers(server, "www.ok.example.", "192.0.2.1"), server.Log);
            Assert.Null(server.Zone("keyless.example."));
            Assert.True(await DatabaseServer.WaitUntil(() => Errors(db, "keyless.example.") > 0, TimeSpan.FromSeconds(10)), server.Log);
            string why = await TestZones.ScalarAsync<string>(db, "SELECT why FROM zone_errors WHERE zone = 'keyless.example.'");
            Assert.StartsWith("sign: keys:", why);
            Assert.Contains(".private", why);

            // Retried with back-off: once the stray file is gone, the zone is signed and served, and
            // the failures in a row made one row, not one per try.
            File.Delete(broken);
            Assert.True(await DatabaseServer.WaitUntil(() => Answers(server, "www.keyless.example.", "192.0.2.1"), TimeSpan.FromSeconds(20)), server.Log);
            Assert.Equal(1, Errors(db, "keyless.example."));
        }
        finally
        {
            try { Directory.Delete(state, recursive: true); } catch (IOException) { }
        }
    }
}
