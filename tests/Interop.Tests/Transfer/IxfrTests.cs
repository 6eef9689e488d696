using System.Text.RegularExpressions;
using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>
/// IXFR from the journal (RFC 1995): after a change, the IXFR from the old serial is exactly the
/// difference of the two AXFRs; an up-to-date client gets the SOA alone; a serial the journal does
/// not know gets the whole zone.
/// </summary>
public sealed class IxfrTests : IDisposable
{
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"ixfr-config-{Guid.NewGuid():N}.json");
    private readonly ServerProcess _server;

    public IxfrTests()
    {
        File.WriteAllText(_config, """{ "allow-transfer": ["127.0.0.1"] }""");
        _server = new ServerProcess(Path.Combine(AppContext.BaseDirectory, "ServeZones"), "--config", _config);
    }

    public void Dispose()
    {
        _server.Dispose();
        File.Delete(_config);
    }

    private List<string> Transfer(string type)
    {
        var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", _server.Port.ToString(), "+tries=1", "+time=10", "+nocmd", "+nostats",
            "+nocomments", "+noall", "+answer", "example.com.", type]);
        return r.Output.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(';'))
            .Select(l => Regex.Replace(l.Trim(), @"\s+", " ")).ToList();
    }

    private static uint SerialOf(string soaLine) => uint.Parse(soaLine.Split(' ')[6]);

    private static bool IsSoa(string line) => line.Split(' ')[3] == "SOA";

    [Fact]
    public void Ixfr_is_the_difference_of_the_two_axfrs()
    {
        var v1 = Transfer("AXFR");
        uint serial1 = SerialOf(v1[0]);
        File.AppendAllText(Path.Combine(_server.ZonesDirectory, "example.com.zone"), "ixfr-new A 192.0.2.201\n");
        _server.Signal(1);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<string> v2;
        do { Thread.Sleep(200); v2 = Transfer("AXFR"); } while (SerialOf(v2[0]) == serial1 && DateTime.UtcNow < deadline);
        uint serial2 = SerialOf(v2[0]);
        Assert.NotEqual(serial1, serial2);

        var ixfr = Transfer($"IXFR={serial1}");
        // RFC 1995 §4: SOA(new), SOA(old), deletions, SOA(new), additions, SOA(new).
        Assert.Equal(serial2, SerialOf(ixfr[0]));
        Assert.Equal(serial1, SerialOf(ixfr[1]));
        int middle = ixfr.FindIndex(2, IsSoa);
        Assert.Equal(serial2, SerialOf(ixfr[middle]));
        Assert.Equal(serial2, SerialOf(ixfr[^1]));
        var removed = ixfr[2..middle].ToHashSet();
        var added = ixfr[(middle + 1)..^1].ToHashSet();
        var before = v1.Where(l => !IsSoa(l)).ToHashSet();
        var after = v2.Where(l => !IsSoa(l)).ToHashSet();
        Assert.Equal(before.Except(after).Order(), removed.Order());
        Assert.Equal(after.Except(before).Order(), added.Order());
        Assert.Contains(added, l => l.StartsWith("ixfr-new.example.com.", StringComparison.Ordinal));

        var upToDate = Transfer($"IXFR={serial2}");
        Assert.Single(upToDate);
        Assert.Equal(serial2, SerialOf(upToDate[0]));

        var unknown = Transfer($"IXFR={serial1 - 1000}");
        Assert.Equal(v2.Count, unknown.Count); // the whole zone, AXFR form
    }
}
