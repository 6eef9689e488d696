using Desec.Signer.Signing;
using Desec.Zone.Records;
using Interop.Tests.Serving;

namespace Interop.Tests.Postgres;

/// <summary>Per-zone policy columns take effect live (a bad value is refused like bad rows); `desec-auth serve --db` as a real process.</summary>
public sealed class PolicyAndCommandTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Policy_columns_resign_the_zone_and_a_bad_value_is_refused()
    {
        string db = await postgres.NewDatabaseAsync();
        await TestZones.CreateAsync(db, "policy.example.", ("www", "A", "192.0.2.1"));
        await using var server = await DatabaseServer.StartAsync(db);
        Assert.Equal(DenialMode.Nsec3, server.Zone("policy.example.")!.Signed!.Denial);

        await TestZones.ExecuteAsync(db, "UPDATE zones SET denial = 'nsec' WHERE name = 'policy.example.'");
        Assert.True(await DatabaseServer.WaitUntil(() => server.Zone("policy.example.")!.Signed!.Denial == DenialMode.Nsec, TimeSpan.FromSeconds(10)), server.Log);

        uint serial = server.Zone("policy.example.")!.Zone.Serial;
        await TestZones.ExecuteAsync(db, "UPDATE zones SET nsec3_parameters = 'not parameters' WHERE name = 'policy.example.'");
        Assert.True(await DatabaseServer.WaitUntil(
            () => TestZones.ScalarAsync<long>(db, "SELECT count(*) FROM zone_errors WHERE why LIKE '%nsec3-parameters%'").GetAwaiter().GetResult() == 1,
            TimeSpan.FromSeconds(10)), server.Log);
        Assert.Equal(serial, server.Zone("policy.example.")!.Zone.Serial);
        Assert.Equal(DenialMode.Nsec, server.Zone("policy.example.")!.Signed!.Denial);
    }

    [Fact]
    public async Task Serve_with_db_answers_from_the_database_and_follows_a_commit()
    {
        string db = await postgres.NewDatabaseAsync();
        await TestZones.CreateAsync(db, "process.example.", ("www", "A", "192.0.2.1"));
        string empty = Path.Combine(Path.GetTempPath(), "no-zones-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(empty);
        try
        {
            // The zone folder given as well (empty here): both sources side by side.
            using var server = new ServerProcess(empty, "--db", db);
            Assert.Equal("192.0.2.1", Dig(server.Port, "www.process.example."));
            await TestZones.ExecuteAsync(db, "UPDATE records SET rdata = '192.0.2.2' WHERE zone = 'process.example.' AND owner = 'www'");
            Assert.True(await DatabaseServer.WaitUntil(() => Dig(server.Port, "www.process.example.") == "192.0.2.2", TimeSpan.FromSeconds(10)), server.Log);
        }
        finally { Directory.Delete(empty, recursive: true); }
    }

    private static string Dig(int port, string name) =>
        ExternalTool.Run("dig", ["@127.0.0.1", "-p", port.ToString(), "+short", "+tries=1", "+time=1", name, "A"]).Output.Trim();
}
