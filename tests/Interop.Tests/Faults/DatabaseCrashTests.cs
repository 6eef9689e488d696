using Interop.Tests.Postgres;
using Interop.Tests.Serving;
using Npgsql;
using static Interop.Tests.Transfer.DigTransfer;

namespace Interop.Tests.Faults;

/// <summary>
/// The server killed with SIGKILL while it publishes a stream of database commits, then started
/// again on the same state folder: nothing committed is lost (it serves the database's last
/// commit) and the served serial and the journal agree (an IXFR from a serial served before the
/// kill turns that version into the current one exactly, or is the whole zone).
/// </summary>
public sealed class DatabaseCrashTests(PostgresFixture postgres) : IDisposable
{
    private const string Zone = "crash.example.";
    private const int Hosts = 300;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "db-crash-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private ServerProcess Start(string db)
    {
        string config = Path.Combine(_directory, "config.json");
        File.WriteAllText(config, """{ "allow-transfer": ["127.0.0.1"], "publish-retry-first": "1" }""");
        return new ServerProcess(Path.Combine(_directory, "no-zones"), ["--db", db, "--config", config], Path.Combine(_directory, "state"));
    }

    private static string Counter(ServerProcess server) =>
        ExternalTool.Run("dig", ["@127.0.0.1", "-p", server.Port.ToString(), "+norec", "+short", "+tries=1", "+time=2", "counter." + Zone, "TXT"]).Output.Trim().Trim('"');

    [Fact]
    public async Task Killed_while_publishing_database_commits_restarts_with_every_commit_and_a_journal_that_agrees()
    {
        var cancel = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(Path.Combine(_directory, "no-zones"));
        string db = await postgres.NewDatabaseAsync();
        await TestZones.CreateAsync(db, Zone, [("counter", "TXT", "\"0\""), .. Enumerable.Range(0, Hosts).Select(i => ($"h{i}", "A", "10.0.0.0"))]);
        int committed = 0; // written by the writer task, read here once it has stopped
        // Two kills; the server restarted after the first is the one killed the second time.
        ServerProcess? server = Start(db);
        try
        {
            for (int round = 1; round <= 2; round++)
            {
                Assert.True(SpinWait.SpinUntil(() => Counter(server!) == committed.ToString(), TimeSpan.FromSeconds(30)), server!.Log);
                var before = RunFor(server.Port, Zone, "AXFR");
                uint serial = SerialOf(before[0]);

                // Commits as fast as they go, each changing a tenth of the zone (a publish with some work in it).
                using var stop = new CancellationTokenSource();
                var writer = Task.Run(async () =>
                {
                    await using var connection = new NpgsqlConnection(db);
                    await connection.OpenAsync(cancel);
                    while (!stop.IsCancellationRequested)
                    {
                        int next = committed + 1;
                        await using var transaction = await connection.BeginTransactionAsync(cancel);
                        await TestZones.ExecuteAsync(connection, transaction, "UPDATE records SET rdata = $1 WHERE zone = $2 AND owner = 'counter'", $"\"{next}\"", Zone);
                        await TestZones.ExecuteAsync(connection, transaction,
                            "UPDATE records SET rdata = $1 WHERE zone = $2 AND type = 'A' AND owner LIKE $3", $"10.0.{next % 256}.{round}", Zone, $"h{next % 10}%");
                        await transaction.CommitAsync(cancel);
                        committed = next; // acknowledged: it must survive whatever happens to the server
                    }
                }, cancel);
                await Task.Delay(Random.Shared.Next(400, 1200), cancel);
                server.Process.Kill(); // SIGKILL, in the middle of publishing
                server.Process.WaitForExit(5000);
                server.Dispose();
                server = null;
                await Task.Delay(200, cancel);
                await stop.CancelAsync();
                await writer;
                Assert.True(committed > 0);

                var restarted = server = Start(db);
                Assert.True(SpinWait.SpinUntil(() => Counter(restarted) == committed.ToString(), TimeSpan.FromSeconds(30)),
                    $"commit {committed} is not served after the restart (serving {Counter(restarted)})\n{restarted.Log}");
                var axfr = RunFor(restarted.Port, Zone, "AXFR");
                uint current = SerialOf(axfr[0]);
                Assert.True(Desec.Signer.Signing.SerialArithmetic.IsGreater(current, serial));
                var ixfr = RunFor(restarted.Port, Zone, $"IXFR={serial}");
                Assert.Equal(current, SerialOf(ixfr[0]));
                if (ixfr.Count > 1 && IsSoa(ixfr[1]) && SerialOf(ixfr[1]) == serial)
                {
                    var (removed, added) = Difference(ixfr, serial, current);
                    var old = before.Where(l => !IsSoa(l)).ToList();
                    Assert.All(removed, l => Assert.Contains(l, old));
                    Assert.Equal(axfr.Where(l => !IsSoa(l)).Order(), old.Except(removed).Concat(added).Order());
                }
                else
                {
                    Assert.Equal(axfr.Order(), ixfr.Order());
                }
                // The database and the server agree on every address.
                var expected = new HashSet<string>();
                await using (var connection = new NpgsqlConnection(db))
                {
                    await connection.OpenAsync(cancel);
                    await using var query = new NpgsqlCommand("SELECT owner, rdata FROM records WHERE zone = $1 AND type = 'A'", connection);
                    query.Parameters.AddWithValue(Zone);
                    await using var reader = await query.ExecuteReaderAsync(cancel);
                    while (await reader.ReadAsync(cancel)) { expected.Add($"{reader.GetString(0)}.{Zone} {reader.GetString(1)}"); }
                }
                var served = axfr.Select(l => l.Split(' ')).Where(p => p[3] == "A").Select(p => $"{p[0]} {p[4]}").ToHashSet();
                Assert.Equal(expected.Order(), served.Order());
            }
        }
        finally
        {
            server?.Dispose();
        }
    }
}
