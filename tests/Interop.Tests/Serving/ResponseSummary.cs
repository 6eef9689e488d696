using System.Buffers.Binary;
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
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(2));
        var reader = new DnsWireReader(message, 12);
        int qd = Count(message, 0);
        for (int i = 0; i < qd; i++) { reader.ReadDnsName(); reader.Skip(4); }
        var sections = new List<string>[3];
        var scratch = new RdataBuilder();
        int extended = 0;
        for (int s = 0; s < 3; s++)
        {
            sections[s] = [];
            for (int i = 0; i < Count(message, s + 1); i++)
            {
                var owner = reader.ReadDnsName();
                ushort type = reader.ReadUInt16();
                ushort @class = reader.ReadUInt16();
                uint ttl = reader.ReadUInt32();
                int length = reader.ReadUInt16();
                if (type == RRType.OPT)
                {
                    extended = (int)(ttl >> 24) << 4;
                    reader.Skip(length);
                    continue;
                }
                scratch.Clear();
                RdataCodecs.ReadWire(type, ref reader, length, scratch);
                sections[s].Add($"{owner.ToLower()} {ttl} {RRClass.ToText(@class)} {RRType.ToText(type)} {RdataCodecs.Format(type, scratch.Written)}");
            }
        }
        return new ResponseSummary(extended | (flags & 0xF), (flags & 0x0400) != 0, (flags & 0x0200) != 0,
            sections[0], sections[1], sections[2]);
    }

    private static int Count(byte[] message, int index) => BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(4 + 2 * index));

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
