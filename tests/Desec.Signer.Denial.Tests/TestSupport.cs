using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Signer.Denial.Tests;

using Zone = Desec.Zone.Zones.Zone;

internal static class TestSupport
{
    public static string DataPath(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

    public static Zone ZoneFromText(string text, string origin = "example.")
    {
        var parsed = ZoneFileParser.ParseText(text, "test.zone", DnsName.Parse(origin));
        Assert.True(parsed.Success, string.Join("\n", parsed.Errors.Select(e => e.Message)));
        return Build(parsed.Origin, parsed.Records);
    }

    public static Zone Build(DnsName origin, IEnumerable<ResourceRecord> records)
    {
        var built = ZoneBuilder.Build(origin, records);
        Assert.True(built.Success, string.Join("\n", built.Errors.Select(e => e.ToString())));
        return built.Zone!;
    }

    /// <summary>Records of the given types parsed from presentation lines (absolute names).</summary>
    public static List<ResourceRecord> Records(IEnumerable<string> lines, string origin = "example.")
    {
        var parsed = ZoneFileParser.ParseText(string.Join("\n", lines), "expected.zone", DnsName.Parse(origin));
        Assert.True(parsed.Success, string.Join("\n", parsed.Errors.Select(e => e.Message)));
        return parsed.Records;
    }

    /// <summary>The lines of the <c>[section]</c> whose header starts with <paramref name="header"/> of a test-vector file, comments and blank lines dropped.</summary>
    public static List<string> Section(string file, string header)
    {
        var result = new List<string>();
        bool inside = false;
        foreach (var raw in File.ReadLines(DataPath(file)))
        {
            string line = raw.Trim();
            if (line.StartsWith('['))
            {
                inside = line.StartsWith($"[{header}", StringComparison.Ordinal);
                continue;
            }
            if (!inside || line.Length == 0 || line.StartsWith('#')) { continue; }
            int comment = line.IndexOf('#');
            result.Add((comment >= 0 ? line[..comment] : line).Trim());
        }
        return result;
    }

    /// <summary>Canonical presentation of a record with lower-case RDATA, for readable set comparisons.</summary>
    public static string Text(ResourceRecord record) => record.ToString().ToLowerInvariant();
}
