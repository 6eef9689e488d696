using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Rdata;
using Desec.Zone.Records;
using Desec.Zone.Wire;

namespace Interop.Tests.Serving;

/// <summary>A response reduced to what two servers must agree on: rcode, AA/TC, and the answer and authority records.</summary>
public sealed record ResponseSummary(int Rcode, bool Authoritative, bool Truncated, List<string> Answer, List<string> Authority, List<string> Additional)
{
    public static ResponseSummary Parse(byte[] message)
    {
        var reader = MessageReader.ReadAll(message);
        var sections = new List<string>[3];
        var scratch = new RdataBuilder();
        MessageSection[] order = [MessageSection.Answer, MessageSection.Authority, MessageSection.Additional];
        Span<byte> owner = stackalloc byte[DnsName.MaxLength];
        for (int s = 0; s < 3; s++)
        {
            sections[s] = [];
            var records = reader.Section(order[s]);
            while (records.TryNext(out var record))
            {
                if (record.Type == RRType.OPT) { continue; }
                var name = DnsName.FromWire(owner[..record.ReadOwner(message, owner)]);
                var rdata = record.RdataReader(message);
                scratch.Clear();
                RdataCodecs.ReadWire(record.Type, ref rdata, record.Rdata.Length, scratch);
                sections[s].Add($"{name.ToLower()} {record.Ttl} {RRClass.ToText(record.Class)} {RRType.ToText(record.Type)} {RdataCodecs.Format(record.Type, scratch.Written)}");
            }
        }
        var header = reader.Header;
        return new ResponseSummary((int)RcodeExtensions.Combine(header.RcodeBits, reader.Edns.ExtendedRcodeBits), header.Has(HeaderFlags.AA),
            header.Has(HeaderFlags.TC), sections[0], sections[1], sections[2]);
    }

    /// <summary>
    /// Rcode, AA/TC and every section as sorted record lists (the order of RRsets within a section
    /// may differ). An RRSIG is reduced to owner, TTL, type covered, labels and signer: two servers
    /// of the same signed zone send the same signatures, but which one is what a validator needs
    /// (RFC 4035 §3.1.1), not its bytes.
    /// </summary>
    public string ComparableWithAdditional() =>
        $"rcode={Rcode} aa={Authoritative} tc={Truncated}\n  answer: {Lines(Answer)}\n  authority: {Lines(Authority)}\n  additional: {Lines(Additional)}";

    private static string Lines(List<string> records) =>
        string.Join("\n          ", records.Select(SignatureByCoverage).Order(StringComparer.Ordinal));

    /// <summary>"owner ttl IN RRSIG A 13 3 3600 exp inc tag signer sig" becomes "owner ttl IN RRSIG A labels=3 signer".</summary>
    private static string SignatureByCoverage(string line)
    {
        var fields = line.Split(' ');
        if (fields.Length < 12 || fields[3] != "RRSIG") { return line; }
        return $"{fields[0]} {fields[1]} {fields[2]} RRSIG {fields[4]} labels={fields[6]} {fields[11]}";
    }

    /// <summary>Rcode, flags, and answer/authority as sorted sets (RRset order within a section may differ).</summary>
    public string Comparable() =>
        $"rcode={Rcode} aa={Authoritative} tc={Truncated}\n  answer: {string.Join("\n          ", Answer.Order(StringComparer.Ordinal))}\n  authority: {string.Join("\n          ", Authority.Order(StringComparer.Ordinal))}";
}
