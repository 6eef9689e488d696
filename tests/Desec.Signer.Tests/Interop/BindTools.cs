using System.Text;
using Desec.Signer.Tests.Support;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Text;

namespace Desec.Signer.Tests.Interop;

/// <summary>BIND's DNSSEC tools (bind9-utils) and ldns (ldnsutils), run on a key folder.</summary>
internal static class BindTools
{
    public static readonly string[] KeygenNames = ["", "", "", "", "", "", "", "", "RSASHA256", "", "", "", "", "ECDSAP256SHA256", "ECDSAP384SHA384", "ED25519", "ED448"];

    /// <summary><c>dnssec-keygen</c> with flags 257 (-f KSK); returns the key's base file name.</summary>
    public static string Keygen(string directory, byte algorithm, string zone)
    {
        var arguments = new List<string> { "-q", "-a", KeygenNames[algorithm], "-f", "KSK", "-K", directory };
        if (algorithm == 8) { arguments.AddRange(["-b", "2048"]); }
        arguments.Add(zone);
        return ExternalTool.Check(directory, "dnssec-keygen", [.. arguments]).Trim();
    }

    /// <summary>The DS RDATA <c>dnssec-dsfromkey</c> prints for a .key file (<paramref name="digest"/>: "SHA-256", "SHA-384").</summary>
    public static byte[] DsFromKey(string keyFile, string digest = "SHA-256") =>
        DsRdataOf(ExternalTool.Check(null, "dnssec-dsfromkey", "-a", digest, keyFile));

    /// <summary>The DS RDATA <c>ldns-key2ds -n</c> prints for a .key file.</summary>
    public static byte[] Key2Ds(string keyFile) => DsRdataOf(ExternalTool.Check(null, "ldns-key2ds", "-n", "-2", keyFile));

    /// <summary>"owner [ttl] IN DS tag alg type hex" to RDATA.</summary>
    private static byte[] DsRdataOf(string output)
    {
        var words = output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        int ds = Array.IndexOf(words, "DS");
        Assert.True(ds > 0 && words.Length == ds + 5, $"unexpected DS output: {output}");
        ushort tag = ushort.Parse(words[ds + 1]);
        return [(byte)(tag >> 8), (byte)tag, byte.Parse(words[ds + 2]), byte.Parse(words[ds + 3]), .. Convert.FromHexString(words[ds + 4])];
    }

    /// <summary>Writes a small zone and signs it with <c>dnssec-signzone -S -z</c> and the keys in <paramref name="directory"/>.</summary>
    public static string SignZone(string directory, DnsName zone)
    {
        string z = zone.ToString();
        string unsigned = Path.Combine(directory, "unsigned.zone");
        File.WriteAllText(unsigned,
            $"$TTL 3600\n{z} IN SOA ns1.{z} hostmaster.{z} 1 7200 3600 1209600 300\n{z} IN NS ns1.{z}\nns1.{z} IN A 192.0.2.1\nwww.{z} IN A 192.0.2.2\n");
        string signedPath = Path.Combine(directory, "signed.zone");
        // -z: a single KSK (our CSK) signs everything.
        ExternalTool.Check(directory, "dnssec-signzone", "-S", "-z", "-K", directory, "-o", z, "-f", signedPath, unsigned);
        return signedPath;
    }

    /// <summary>Signs the zone <see cref="SignZone"/> wrote with <c>ldns-signzone</c> and one key given by base name.</summary>
    public static string LdnsSignZone(string directory, DnsName zone, string keyBaseName)
    {
        string signedPath = Path.Combine(directory, "ldns.signed");
        ExternalTool.Check(directory, "ldns-signzone", "-o", zone.ToString(), "-f", signedPath,
            Path.Combine(directory, "unsigned.zone"), Path.Combine(directory, keyBaseName));
        return signedPath;
    }

    public static ExternalTool.Result LdnsVerify(string zoneFile) => ExternalTool.Run("ldns-verify-zone", zoneFile);

    public static ExternalTool.Result Verify(string zoneFile, DnsName zone) =>
        ExternalTool.Run("dnssec-verify", "-z", "-o", zone.ToString(), zoneFile);

    public static List<ResourceRecord> ReadZone(string path, DnsName zone)
    {
        var result = ZoneFileParser.ParseFile(path, zone);
        Assert.True(result.Success, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Records;
    }

    public static void WriteZone(string path, IEnumerable<ResourceRecord> records)
    {
        var sb = new StringBuilder();
        foreach (var record in records) { record.AppendTo(sb); sb.Append('\n'); }
        File.WriteAllText(path, sb.ToString());
    }
}
