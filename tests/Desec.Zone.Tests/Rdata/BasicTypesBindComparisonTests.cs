using System.Diagnostics;
using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.BasicTypesTestHelper;

namespace Desec.Zone.Tests.Rdata;

/// <summary>
/// A handful of records of the basic types printed by us and by BIND's <c>named-compilezone</c>
/// (skipped where BIND is not installed). Names are written in lower case, because we lower-case
/// the RFC 4034 §6.2 types and BIND keeps the case as given.
/// </summary>
public class BasicTypesBindComparisonTests
{
    private static readonly string[] Records =
    [
        "SOA ns1.example. hostmaster.example. 2024010101 1h 15m 1w 1d",
        "NS ns1.example.",
        "A 192.0.2.1",
        "AAAA 2001:db8:0:0:1:0:0:1",
        "AAAA ::ffff:0:1",
        "AAAA 0:0:0:0:0:1:0:0",
        "AAAA 64:ff9b::1.2.3.4",
        "CNAME foo.example.",
        "DNAME target.example.",
        "PTR host.example.",
        "MX 10 mail.example.",
        "HINFO \"Generic PC\" Linux",
        "TXT \"hello world\" two \"three \\\"q\\\" \\\\ \\255 é\" \"a;b\"",
        "SPF \"v=spf1 -all\"",
        "SRV 0 5 5060 sip.example.",
        "NAPTR 100 10 \"\" \"\" \"!^urn:cid:.+@([^\\\\.]+\\\\.)(.*)$!\\\\2!i\" .",
        "NAPTR 100 50 \"s\" \"http+I2L+I2C+I2R\" \"\" _http._tcp.gatech.edu.",
        "LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m",
        "LOC 42 21 54 N 71 06 18 W -24m 30m",
        "LOC 37 46 30.123 N 122 23 0 W 0.5m 0.01m 1.5m 123456m",
        "LOC 90 S 180 W 42849672.95m 90000000m 90000000m 90000000m",
        "URI 10 1 \"ftp://ftp1.example.com/public\"",
        "URI 10 1 \"http://x/\\\"q\\\" \\\\ é\"",
        "CAA 0 issue \"ca.example.net; account=230123\"",
        "CAA 128 tbs \"Unknown\"",
        "CAA 0 Issue ca.example.net",
        "CAA 0 issue \"a b\\\"c\\\\d\\255é;\\009\"",
    ];

    [Fact]
    public void Presentation_matches_named_compilezone()
    {
        if (FindOnPath("named-compilezone") is not { } compiler) { Assert.Skip("named-compilezone is not installed"); return; }
        string dir = Directory.CreateTempSubdirectory("desec-basic-types-").FullName;
        try
        {
            string zoneFile = Path.Combine(dir, "example.zone");
            var lines = new List<string> { "$ORIGIN example.", "$TTL 3600", "ns1 A 192.0.2.1" };
            for (int i = 0; i < Records.Length; i++) { lines.Add((i == 0 || Records[i].StartsWith("NS ") ? "@ " : $"r{i} ") + Records[i]); }
            File.WriteAllLines(zoneFile, lines);

            var start = new ProcessStartInfo(compiler, ["-i", "none", "-s", "full", "-o", "-", "example.", zoneFile])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, output + process.StandardError.ReadToEnd());

            // "owner ttl IN TYPE rdata", blanks between the first four fields.
            var bind = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split((char[])[' ', '\t'], 5, StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length == 5 && f[0] != "ns1.example.")
                .Select(f => (Type: f[3], Rdata: f[4].TrimStart(' ', '\t').TrimEnd('\r')))
                .ToHashSet();

            foreach (string record in Records)
            {
                string mnemonic = record[..record.IndexOf(' ')];
                Assert.True(RRType.TryParse(mnemonic, out ushort type));
                string ours = Format(type, Parse(type, record[(mnemonic.Length + 1)..]));
                Assert.Contains((mnemonic, ours), bind);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
