using System.Diagnostics;
using Desec.Signer.Signing;
using Desec.Zone.Records;
using Npgsql;

namespace Interop.Tests.Postgres;

/// <summary>
/// Hostile database rows (issue 12): each one is refused with its reason in zone_errors and affects its
/// own zone only. A change to another zone committed after it is served within a second, the last good
/// version of the zone keeps serving, and the server starts again with the row still there (serving
/// that zone from its last good signed version in the state folder).
/// </summary>
public sealed class HostileRowTests(PostgresFixture postgres) : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private const string Bad = "bad.example.";
    private const string Other = "abc.example.";
    private readonly string _state = Path.Combine(Path.GetTempPath(), "hostile-state-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_state, recursive: true); } catch (DirectoryNotFoundException) { }
    }

    /// <summary>SQL that makes bad.example.'s next version hostile, or adds a hostile zone; the zone at fault; part of the reason.</summary>
    public static TheoryData<string, string, string> Rows => new()
    {
        { "UPDATE zones SET signature_validity_days = 'NaN' WHERE name = 'bad.example.'", Bad, "signature-validity-days: NaN is outside 1..365" },
        { "UPDATE zones SET signature_validity_days = 'Infinity' WHERE name = 'bad.example.'", Bad, "signature-validity-days" },
        { "UPDATE zones SET nsec3_parameters = '2 0 0 -' WHERE name = 'bad.example.'", Bad, "NSEC3 hash algorithm 2 is not supported" },
        { "UPDATE zones SET nsec3_parameters = '1 0 0 ' || repeat('ab', 256) WHERE name = 'bad.example.'", Bad, "an NSEC3 salt is at most 255 octets" },
        { "UPDATE zones SET nsec3_parameters = '1 0 65535 ab' WHERE name = 'bad.example.'", Bad, "65535 NSEC3 iterations" },
        { "UPDATE zones SET nsec3_parameters = repeat('1 ', 100000) WHERE name = 'bad.example.'", Bad, "nsec3_parameters is 200000 octets long" },
        { "UPDATE zones SET cds_digest_types = '{2,NULL}' WHERE name = 'bad.example.'", Bad, "cds_digest_types has a NULL element" },
        { "UPDATE zones SET cds_digest_types = '{258}' WHERE name = 'bad.example.'", Bad, "cds_digest_types element 258 is not a digest type" },
        { "UPDATE zones SET cds_digest_types = '{{2,4},{2,4}}' WHERE name = 'bad.example.'", Bad, "is not a list of digest types" },
        { "UPDATE zones SET algorithm = 'RSAMD5' WHERE name = 'bad.example.'", Bad, "algorithm: 'RSAMD5' is not one of" },
        { "INSERT INTO records (zone, owner, type, ttl, rdata) VALUES ('bad.example.', 'big', 'TXT', 300, repeat('a', 2000000))", Bad, "rdata is 2000000 octets long" },
        { "INSERT INTO records (zone, owner, type, ttl, rdata) VALUES ('bad.example.', repeat('a', 5000), 'A', 300, '192.0.2.1')", Bad, "owner is 5000 octets long" },
        { "INSERT INTO records (zone, owner, type, ttl, rdata) VALUES ('bad.example.', 'x', repeat('A', 100), 300, '192.0.2.1')", Bad, "type is 100 octets long" },
        // Two spellings of one name, and upper case by escape: the zones.name CHECK cannot see them.
        { @"INSERT INTO zones (name) VALUES ('\097bc.example.')", @"\097bc.example.", "write it as 'abc.example.'" },
        { @"INSERT INTO zones (name) VALUES ('\065bc.example.')", @"\065bc.example.", "write it as 'abc.example.'" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_hostile_row_is_refused_for_its_zone_only_and_survives_a_restart(string sql, string zone, string reason)
    {
        string db = await postgres.NewDatabaseAsync();
        await TestZones.CreateAsync(db, Bad, ("www", "A", "192.0.2.10"));
        await TestZones.CreateAsync(db, Other, ("www", "A", "192.0.2.20"));
        uint badSerial;
        await using (var server = await DatabaseServer.StartAsync(db, c => c with { State = _state }))
        {
            badSerial = server.Zone(Bad)!.Zone.Serial;
            await using (var connection = new NpgsqlConnection(db))
            {
                await connection.OpenAsync(Cancel);
                await TestZones.ExecuteAsync(connection, null, sql);
                if (zone != Bad)
                {
                    // A whole new zone under the hostile name, with records that would be fine.
                    await TestZones.ExecuteAsync(connection, null,
                        "INSERT INTO records (zone, owner, type, ttl, rdata) VALUES ($1, '@', 'SOA', 300, 'ns1 h 1 2 3 4 5'), ($1, '@', 'NS', 300, 'ns1'), ($1, 'ns1', 'A', 300, '192.0.2.99')", zone);
                }
                // Committed after the hostile row: served within a second.
                var watch = Stopwatch.StartNew();
                await TestZones.ExecuteAsync(connection, null, "UPDATE records SET rdata = '192.0.2.21' WHERE zone = $1 AND owner = 'www'", Other);
                Assert.True(await DatabaseServer.WaitUntil(() => Serves(server, "www." + Other, "192.0.2.21"), TimeSpan.FromSeconds(1)),
                    $"the change to {Other} was not served within 1 s ({watch.ElapsedMilliseconds} ms so far)\n{server.Log}");
            }
            Assert.True(await DatabaseServer.WaitUntil(() => Errors(db, zone).Any(e => e.Contains(reason)), TimeSpan.FromSeconds(10)),
                $"zone_errors of {zone}: {string.Join(" | ", Errors(db, zone))}\n{server.Log}");
            Assert.Equal(badSerial, server.Zone(Bad)!.Zone.Serial);
            Assert.True(Serves(server, "www." + Bad, "192.0.2.10"));
            Assert.True(Serves(server, "www." + Other, "192.0.2.21"));
        }

        // The row is still there: the server starts, serves every other zone, and bad.example. from its last good signed version.
        int errors = Errors(db, zone).Count;
        await using (var again = await DatabaseServer.StartAsync(db, c => c with { State = _state }))
        {
            Assert.True(Serves(again, "www." + Other, "192.0.2.21"), again.Log);
            Assert.True(Serves(again, "www." + Bad, "192.0.2.10"), again.Log);
            if (zone == Bad) { Assert.Contains("is refused; serving its last good version from the state folder", again.Log); }
            // The same content; signed again (the refused row gives no source serial), so the serial only moves up.
            uint restartSerial = again.Zone(Bad)!.Zone.Serial;
            Assert.True(restartSerial == badSerial || SerialArithmetic.IsGreater(restartSerial, badSerial), $"{badSerial} -> {restartSerial}");
            // The other spelling of abc.example. did not take its place.
            Assert.True(Serves(again, "ns1." + Other, "192.0.2.53") && !Serves(again, "ns1." + Other, "192.0.2.99"), again.Log);
            Assert.Equal(errors, Errors(db, zone).Count); // the same refusal is not recorded twice
        }
    }

    [Fact]
    public async Task A_zone_named_with_slashes_is_served_and_its_state_files_stay_inside()
    {
        string db = await postgres.NewDatabaseAsync();
        string escapee = $"/tmp/hostile-{Guid.NewGuid():N}/x.";
        const string Classless = "0/25.2.0.192.in-addr.arpa."; // RFC 2317 §4
        await TestZones.CreateAsync(db, escapee);
        await TestZones.CreateAsync(db, Classless, ("1", "PTR", "host.example."));
        await using (var server = await DatabaseServer.StartAsync(db, c => c with { State = _state }))
        {
            Assert.NotNull(server.Zone(escapee));
            Assert.Contains(server.Ask("1." + Classless, RRType.PTR)!.Answer, l => l.EndsWith(" PTR host.example."));
        } // disposing waits for the signed versions written in the background
        Assert.False(Directory.Exists(Path.GetDirectoryName(escapee.TrimEnd('.'))), "a state file was written outside the state folder");
        var files = Directory.GetFiles(_state, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_state, f)).ToList();
        Assert.Contains(@"serials/\047tmp\047hostile-" + escapee[13..^3] + @"\047x.serial", files);
        Assert.Contains(@"signed/0\04725.2.0.192.in-addr.arpa.signed", files);
        Assert.All(files, f => Assert.Equal(2, f.Split('/').Length));
    }

    private static bool Serves(DatabaseServer server, string name, string address) =>
        server.Ask(name, RRType.A)?.Answer.Any(l => l.EndsWith(" A " + address)) == true;

    private static List<string> Errors(string db, string zone)
    {
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT why FROM zone_errors WHERE zone = $1 ORDER BY id", connection);
        command.Parameters.AddWithValue(zone);
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read()) { list.Add(reader.GetString(0)); }
        return list;
    }
}
