using System.Text;
using Desec.Zone.Names;
using Desec.Zone.Rdata;
using Desec.Zone.Records;
using Desec.Zone.Text;

namespace Desec.Signer.Keys;

/// <summary>
/// BIND's <c>.key</c> file: comment lines, then the DNSKEY record in presentation format, for
/// example <c>example.com. IN DNSKEY 257 3 13 base64</c>. <c>dnssec-dsfromkey</c>,
/// <c>ldns-key2ds</c> and Knot's key import read it.
/// </summary>
public static class BindPublicKeyFile
{
    /// <summary>The file's text, with the comment header BIND writes.</summary>
    public static string Format(DnssecKey key)
    {
        var sb = new StringBuilder();
        string kind = key.IsSecureEntryPoint ? "key-signing" : "zone-signing";
        sb.Append("; This is a ").Append(kind).Append(" key, keyid ").Append(key.KeyTag).Append(", for ").Append(key.Zone.ToLower()).Append('\n');
        AppendTime(sb, "Created", key.Times.Created);
        AppendTime(sb, "Publish", key.Times.Publish);
        AppendTime(sb, "Activate", key.Times.Activate);
        DnsName.AppendTo(sb, key.Zone.ToLower().Wire);
        sb.Append(" IN DNSKEY ");
        RdataCodecs.Format(RRType.DNSKEY, key.DnskeyRdata, sb);
        sb.Append('\n');
        return sb.ToString();
    }

    private static void AppendTime(StringBuilder sb, string label, DateTimeOffset? time)
    {
        if (time is not { } t) { return; }
        sb.Append("; ").Append(label).Append(": ").Append(BindTimestamp.ToText(t))
          .Append(" (").Append(BindTimestamp.ToCtime(t)).Append(")\n");
    }

    /// <summary>
    /// Reads the one DNSKEY record of a .key file: owner, optional TTL and class IN (either order),
    /// DNSKEY, RDATA (base64 may be split over words). Comments and blank lines are skipped.
    /// </summary>
    public static (DnsName Owner, byte[] Rdata) Parse(string text, string path)
    {
        var lexer = new ZoneLexer(text, path);
        (DnsName Owner, byte[] Rdata)? found = null;
        try
        {
            while (lexer.TryReadEntry(out var entry))
            {
                if (found is not null) { throw Error(path, entry.Line, "holds more than one record; a .key file holds exactly one DNSKEY"); }
                found = ReadRecord(entry, path);
            }
        }
        catch (ZoneTextException e)
        {
            throw new KeyFileException(path, $"line {e.Line}, column {e.Column}: {e.Reason}", e);
        }
        if (lexer.Errors.Count > 0)
        {
            var e = lexer.Errors[0];
            throw new KeyFileException(path, $"line {e.Line}, column {e.Column}: {e.Reason}", e);
        }
        return found ?? throw new KeyFileException(path, "holds no DNSKEY record");
    }

    private static (DnsName, byte[]) ReadRecord(ZoneEntry entry, string path)
    {
        var tokens = entry.Tokens;
        if (entry.StartsWithBlank) { throw Error(path, entry.Line, "the DNSKEY record must start with its owner name"); }
        if (!DnsName.TryParse(tokens[0].Text, null, out var owner, out string nameError))
        {
            throw Error(path, entry.Line, $"bad owner name '{tokens[0].Text}': {nameError}");
        }
        int index = 1;
        while (index < tokens.Count && index <= 2)
        {
            string word = tokens[index].Text;
            if (string.Equals(word, "IN", StringComparison.OrdinalIgnoreCase) || PresentationText.TryParseTtl(word, out _)) { index++; }
            else { break; }
        }
        if (index >= tokens.Count || !string.Equals(tokens[index].Text, "DNSKEY", StringComparison.OrdinalIgnoreCase))
        {
            throw Error(path, entry.Line, "expected 'owner [TTL] [IN] DNSKEY flags protocol algorithm key'");
        }
        var typeToken = tokens[index];
        var rdataTokens = new RdataTokens(tokens.Skip(index + 1).ToList(), owner, path, typeToken.Line, typeToken.Column);
        var rdata = RdataCodecs.Parse(RRType.DNSKEY, rdataTokens, new RdataBuilder());
        return (owner, rdata);
    }

    private static ZoneTextException Error(string path, int line, string reason) => new(path, line, 1, reason);
}
