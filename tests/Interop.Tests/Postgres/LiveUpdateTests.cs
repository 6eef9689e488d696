using Desec.Auth.Database;
using Desec.Signer.Signing;
using Desec.Zone.Records;
using Npgsql;

namespace Interop.Tests.Postgres;

/// <summary>
/// Committed changes are served live: one transaction is one version (never half of it), many
/// concurrent writers end with the served zone equal to the database and serials that only rose.
/// </summary>
public sealed class LiveUpdateTests(PostgresFixture postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_transaction_of_many_changes_appears_as_one_version()
    {
        string db = await postgres.NewDatabaseAsync();
        const int Rows = 20, Versions = 25;
        await TestZones.CreateAsync(db, "atomic.example.",
        [
            .. Enumerable.Range(0, Rows).Select(i => ($"n{i}", "A", "10.0.0.0")),
            .. Enumerable.Range(0, Rows).Select(i => ("set", "TXT", $"\"0 {i}\"")),
        ]);
        await using var server = await DatabaseServer.StartAsync(db);
        using var stop = new CancellationTokenSource();
        var problems = new List<string>();
        var seen = new HashSet<string>();
        int asked = 0;
        // Over UDP: the TXT RRset is 20 rows; in memory: 20 A records at 20 names of the same snapshot.
        var querier = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                asked++;
                var answer = server.Ask("set.atomic.example.", RRType.TXT);
                if (answer is null) { problems.Add("no answer"); continue; }
                var tags = answer.Answer.Where(l => l.Contains(" TXT ")).Select(l => l.Split('"')[1].Split(' ')[0]).ToList();
                if (tags.Count != Rows || tags.Distinct().Count() != 1) { problems.Add($"UDP: {string.Join(",", tags)}"); }
                else { lock (seen) { seen.Add(tags[0]); } }
                var zone = server.Zone("atomic.example.")!.Zone;
                var addresses = zone.Records.Where(r => r.Type == RRType.A && System.Text.RegularExpressions.Regex.IsMatch(r.Owner.ToString(), @"^n\d+\.")).Select(r => r.ToString().Split('\t')[^1]).ToList();
                if (addresses.Count != Rows || addresses.Distinct().Count() != 1) { problems.Add($"snapshot: {string.Join(",", addresses)}"); }
            }
        }, Cancel);

        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync(Cancel);
            for (int k = 1; k <= Versions; k++)
            {
                await using var transaction = await connection.BeginTransactionAsync(Cancel);
                for (int i = 0; i < Rows; i++)
                {
                    // One statement per row, so that only the transaction binds them together.
                    await TestZones.ExecuteAsync(connection, transaction,
                        "UPDATE records SET rdata = $1 WHERE zone = 'atomic.example.' AND owner = $2", $"10.0.{k}.0", $"n{i}");
                    await TestZones.ExecuteAsync(connection, transaction,
                        "UPDATE records SET rdata = $1 WHERE zone = 'atomic.example.' AND owner = 'set' AND rdata = $2", $"\"{k} {i}\"", $"\"{k - 1} {i}\"");
                }
                await transaction.CommitAsync(Cancel);
                await Task.Delay(Random.Shared.Next(0, 30), Cancel);
            }
        }
        bool done = await DatabaseServer.WaitUntil(() => { lock (seen) { return seen.Contains(Versions.ToString()); } }, TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await querier;
        Assert.True(done, $"the last version was not served\n{server.Log}");
        Assert.Empty(problems);
        Assert.True(seen.Count > 2, $"the querier saw only {seen.Count} versions in {asked} questions");
    }

    [Fact]
    public async Task A_thousand_updates_from_four_writers_end_with_the_database_served_and_rising_serials()
    {
        string db = await postgres.NewDatabaseAsync();
        const string Zone = "load.example.";
        const int Writers = 4, UpdatesEach = 250, Names = 10;
        await TestZones.CreateAsync(db, Zone,
            [.. Enumerable.Range(0, Writers).SelectMany(w => Enumerable.Range(0, Names).Select(i => ($"w{w}-{i}", "A", "192.0.2.1")))]);
        await using var server = await DatabaseServer.StartAsync(db);
        using var stop = new CancellationTokenSource();
        var serials = new List<uint>();
        var querier = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var answer = server.Ask(Zone, RRType.SOA);
                var soa = answer?.Answer.FirstOrDefault(l => l.Contains(" SOA "));
                if (soa is not null) { serials.Add(uint.Parse(soa.Split(' ')[6])); }
            }
        }, Cancel);

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            await using var connection = new NpgsqlConnection(db);
            await connection.OpenAsync(Cancel);
            for (int n = 0; n < UpdatesEach; n++)
            {
                string owner = $"w{w}-{random.Next(Names)}";
                _ = random.Next(3) switch
                {
                    0 => await TestZones.ExecuteAsync(connection, null,
                        "UPDATE records SET rdata = $1 WHERE zone = $2 AND owner = $3 AND type = 'A'", $"192.0.2.{random.Next(1, 255)}", Zone, owner),
                    1 => await TestZones.ExecuteAsync(connection, null,
                        "INSERT INTO records (zone, owner, type, ttl, rdata) VALUES ($1, $2, 'TXT', 60, $3)", Zone, owner, $"\"{w} {n}\""),
                    _ => await TestZones.ExecuteAsync(connection, null,
                        "DELETE FROM records WHERE id = (SELECT min(id) FROM records WHERE zone = $1 AND owner = $2 AND type = 'TXT')", Zone, owner),
                };
            }
        }, Cancel)).ToList();
        await Task.WhenAll(writers);

        var expected = await UnsignedRecordsAsync(db, Zone);
        bool equal = await DatabaseServer.WaitUntil(() => ServedData(server, Zone).SetEquals(expected), TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await querier;
        Assert.True(equal, $"served zone differs from the database\n{string.Join("\n", ServedData(server, Zone).Except(expected).Take(5))}\n{server.Log[^Math.Min(3000, server.Log.Length)..]}");
        Assert.True(serials.Count > 10, $"only {serials.Count} answers");
        for (int i = 1; i < serials.Count; i++)
        {
            Assert.True(serials[i] == serials[i - 1] || SerialArithmetic.IsGreater(serials[i], serials[i - 1]), $"serial went from {serials[i - 1]} to {serials[i]}");
        }
        Assert.True(SerialArithmetic.IsGreater(serials[^1], serials[0]));
    }

    /// <summary>The zone as built from its rows, without the SOA (whose serial the server raises).</summary>
    internal static async Task<HashSet<string>> UnsignedRecordsAsync(string db, string zone)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        HashSet<string> records = [];
        await ZoneRowReader.ReadAsync(connection, [zone], (row, rows) =>
        {
            var built = ZoneFromRows.Build(row, rows);
            records = built.Zone!.Records.Where(r => r.Type != RRType.SOA).Select(r => r.ToString()).ToHashSet();
        });
        return records;
    }

    /// <summary>What the server serves, less what the signer adds (and the SOA).</summary>
    internal static HashSet<string> ServedData(DatabaseServer server, string zone) =>
        server.Zone(zone)?.Zone.Records
            .Where(r => r.Type is not (RRType.SOA or RRType.RRSIG or RRType.NSEC or RRType.NSEC3 or RRType.NSEC3PARAM
                or RRType.DNSKEY or RRType.CDS or RRType.CDNSKEY or RRType.CSYNC))
            .Select(r => r.ToString()).ToHashSet() ?? [];
}
