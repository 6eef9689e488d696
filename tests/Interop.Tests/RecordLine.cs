namespace Interop.Tests;

/// <summary>
/// Puts one presentation-format record line into a shape both BIND's and our printers reach:
/// single spaces between fields, lower-case owner, base64/hex that BIND splits into chunks
/// joined again, and NSEC3 salt and hashes in lower case.
/// </summary>
public static class RecordLine
{
    /// <summary>For each type whose tail is one base64/hex field: how many RDATA words come before the tail.</summary>
    private static readonly Dictionary<string, int> JoinedTailAfter = new()
    {
        ["DNSKEY"] = 3, ["CDNSKEY"] = 3, ["DS"] = 3, ["CDS"] = 3, ["RRSIG"] = 8, ["TLSA"] = 3, ["SMIMEA"] = 3,
        ["SSHFP"] = 2, ["OPENPGPKEY"] = 0, ["ZONEMD"] = 3,
    };

    public static string Normalize(string line)
    {
        var words = SplitOutsideQuotes(line);
        if (words.Count < 4) { return line; }
        string owner = words[0].ToLowerInvariant();
        string ttl = words[1];
        string type = words[3];
        var rdata = words.Skip(4).ToList();
        if (JoinedTailAfter.TryGetValue(type, out int keep) && rdata.Count > keep + 1)
        {
            rdata = [.. rdata.Take(keep), string.Concat(rdata.Skip(keep))];
        }
        if (type is "NSEC3" or "NSEC3PARAM")
        {
            // BIND prints salt and next hashed owner in upper case; we print them as RFC 5155 §3.3 examples do.
            rdata = rdata.Select(word => word.ToLowerInvariant()).ToList();
        }
        return string.Join(' ', new[] { owner, ttl, words[2], type }.Concat(rdata));
    }

    private static List<string> SplitOutsideQuotes(string line)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '\\' && i + 1 < line.Length) { current.Append(c).Append(line[++i]); continue; }
            if (c == '"') { quoted = !quoted; }
            if (!quoted && (c == ' ' || c == '\t'))
            {
                if (current.Length > 0) { words.Add(current.ToString()); current.Clear(); }
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0) { words.Add(current.ToString()); }
        return words;
    }
}
