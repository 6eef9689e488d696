using static Interop.Tests.Transfer.DigTransfer;
using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>
/// The server killed with SIGKILL while publishing a version (and a journal with a damaged tail)
/// restarts and answers IXFR correctly: never a broken diff. Either the difference from the client's
/// serial (when the signed version kept in the state folder bridges it), which turns the old
/// version into the current one exactly, or the whole zone.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crash-test-" + Guid.NewGuid().ToString("N")[..8]);

    public CrashTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static List<string> Transfer(ServerProcess server, string type) => DigTransfer.Run(server.Port, type);

    [Fact]
    public void Killed_while_publishing_then_restarted_never_serves_a_broken_diff()
    {
        string config = Path.Combine(_directory, "config.json");
        File.WriteAllText(config, """{ "allow-transfer": ["127.0.0.1"] }""");
        string state = Path.Combine(_directory, "state");
        string zones;
        uint serial1;
        List<string> version1;
        using (var first = new ServerProcess(Path.Combine(AppContext.BaseDirectory, "ServeZones"), ["--config", config], state))
        {
            version1 = Transfer(first, "AXFR");
            serial1 = SerialOf(version1[0]);
            zones = Path.Combine(_directory, "zones");
            Directory.CreateDirectory(zones);
            foreach (var file in Directory.GetFiles(first.ZonesDirectory)) { File.Copy(file, Path.Combine(zones, Path.GetFileName(file))); }
            File.AppendAllText(Path.Combine(first.ZonesDirectory, "example.com.zone"), "crash A 192.0.2.77\n");
            File.AppendAllText(Path.Combine(zones, "example.com.zone"), "crash A 192.0.2.77\n");
            first.Signal(1);
            Thread.Sleep(Random.Shared.Next(0, 300)); // somewhere in the middle of publishing
            first.Process.Kill(); // SIGKILL
            first.Process.WaitForExit(5000);
        }
        // Damage the journal's tail as a torn write would (if the kill came before the journal was written, there is none).
        string journals = Path.Combine(state, "journal");
        foreach (var journal in Directory.Exists(journals) ? Directory.GetFiles(journals) : [])
        {
            File.AppendAllText(journal, "torn");
        }

        using var second = new ServerProcess(zones, ["--config", config], state);
        var axfr = Transfer(second, "AXFR");
        var ixfr = Transfer(second, $"IXFR={serial1}");
        uint current = SerialOf(axfr[0]);
        Assert.True(Desec.Signer.Signing.SerialArithmetic.IsGreater(current, serial1), "the restarted version needs a higher serial");
        Assert.Equal(current, SerialOf(ixfr[0]));
        if (ixfr.Count > 1 && IsSoa(ixfr[1]) && SerialOf(ixfr[1]) == serial1)
        {
            // The difference form (RFC 1995 §4), applied to the old version, must give the current one record for record.
            var (removed, added) = DigTransfer.Difference(ixfr, serial1, current);
            var old = version1.Where(l => !IsSoa(l)).ToList();
            Assert.All(removed, l => Assert.Contains(l, old));
            var applied = old.Except(removed).Concat(added).Order();
            Assert.Equal(axfr.Where(l => !IsSoa(l)).Order(), applied);
        }
        else
        {
            // The whole zone in AXFR form, record for record.
            Assert.Equal(axfr.Order(), ixfr.Order());
        }
        Assert.Contains(axfr, l => l.StartsWith("crash.example.com.", StringComparison.Ordinal));
    }
}
