using System.Text.RegularExpressions;

namespace Interop.Tests.Transfer;

/// <summary>
/// AXFR and IXFR (of example.com. unless told) with dig, one record per line with single spaces, and the
/// RFC 1995 §4 difference form taken apart.
/// </summary>
internal static class DigTransfer
{
    /// <param name="options">More dig options, such as <c>+notcp</c> for an IXFR over UDP.</param>
    public static List<string> Run(int port, string type, params string[] options) => RunFor(port, "example.com.", type, options);

    public static List<string> RunFor(int port, string zone, string type, params string[] options)
    {
        var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", port.ToString(), "+tries=1", "+time=10", "+noall", "+answer", .. options, zone, type]);
        return r.Output.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(';')).Select(l => Regex.Replace(l.Trim(), @"\s+", " ")).ToList();
    }

    /// <summary>The serial of <paramref name="zone"/> that the server on <paramref name="port"/> answers with; 0 when it does not answer.</summary>
    public static uint ServedSerial(int port, string zone)
    {
        var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", port.ToString(), "+norec", "+short", "+tries=1", "+time=2", zone, "SOA"]);
        var match = Regex.Match(r.Output, @"^\S+ \S+ (\d+) ", RegexOptions.Multiline);
        return match.Success ? uint.Parse(match.Groups[1].Value) : 0;
    }

    public static uint SerialOf(string soaLine) => uint.Parse(soaLine.Split(' ')[6]);

    public static bool IsSoa(string line) => line.Split(' ')[3] == "SOA";

    /// <summary>
    /// Checks the framing SOA(new), SOA(old), deletions, SOA(new), additions, SOA(new) (RFC 1995 §4)
    /// and returns the deletions and the additions.
    /// </summary>
    public static (List<string> Removed, List<string> Added) Difference(List<string> ixfr, uint from, uint to)
    {
        Assert.Equal(to, SerialOf(ixfr[0]));
        Assert.Equal(from, SerialOf(ixfr[1]));
        int middle = ixfr.FindIndex(2, IsSoa);
        Assert.True(middle > 1, string.Join("\n", ixfr));
        Assert.Equal(to, SerialOf(ixfr[middle]));
        Assert.Equal(to, SerialOf(ixfr[^1]));
        return (ixfr[2..middle], ixfr[(middle + 1)..^1]);
    }
}
