using System.Net;
using Interop.Tests.Serving;
using Interop.Tests.Transfer;

namespace Interop.Tests.Postgres;

/// <summary>A committed change reaches a Knot secondary: new version, NOTIFY, and Knot fetches it by IXFR (RFC 1995, RFC 1996).</summary>
public sealed class KnotFollowsDatabaseTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_commit_reaches_a_knot_secondary_by_ixfr()
    {
        string db = await postgres.NewDatabaseAsync();
        await TestZones.CreateAsync(db, "knot.example.", ("www", "A", "192.0.2.1"));
        int port = FreePort.Get(), knotPort = FreePort.Get();
        await using var server = await DatabaseServer.StartAsync(db,
            c => c with { AllowTransfer = ["127.0.0.1"], Notify = [$"127.0.0.1:{knotPort}"] }, port);
        using var knot = new KnotSecondary(new IPEndPoint(IPAddress.Loopback, port), ["knot.example."], knotPort, acceptNotify: true);
        Assert.True(knot.WaitForZone("knot.example.", TimeSpan.FromSeconds(30)), knot.Log);

        await TestZones.ExecuteAsync(db, "UPDATE records SET rdata = '192.0.2.2' WHERE zone = 'knot.example.' AND owner = 'www'");
        bool followed = await DatabaseServer.WaitUntil(() =>
            ExternalTool.Run("dig", ["@127.0.0.1", "-p", knotPort.ToString(), "+short", "+norec", "www.knot.example.", "A"]).Output.Trim() == "192.0.2.2",
            TimeSpan.FromSeconds(20));
        Assert.True(followed, $"{server.Log}\n{knot.Log}");
        Assert.Contains("IXFR, incoming", knot.Log);
        Assert.DoesNotContain("AXFR-style IXFR", knot.Log);
    }
}
