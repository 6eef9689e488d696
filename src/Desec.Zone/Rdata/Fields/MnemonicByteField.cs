using System.Collections.Frozen;
using Desec.Zone.Text;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// A one-octet number that text may also give as a mnemonic (DNSSEC algorithm, DS digest type),
/// in any letter case. It is always printed as a number, which every implementation reads.
/// </summary>
public sealed class MnemonicByteField(string name, FrozenDictionary<string, byte> mnemonics) : UIntField(name, 1)
{
    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        var token = tokens.Next(Name);
        if (token.Quoted || !TryParseValue(token.Text, out uint value))
        {
            throw tokens.Error(token, $"expected {Name} (an integer from 0 to 255 or its mnemonic), found '{token.Text}'");
        }
        Write(output, value);
    }

    protected override bool TryParseValue(string text, out uint value)
    {
        if (base.TryParseValue(text, out value)) { return true; }
        if (mnemonics.TryGetValue(text, out byte known))
        {
            value = known;
            return true;
        }
        return false;
    }

    /// <summary>
    /// DNS Security Algorithm Numbers (IANA registry; RFC 4034 Appendix A.1, RFC 5155 §2,
    /// RFC 5702, RFC 5933, RFC 6605, RFC 8080, RFC 8078 §4 for DELETE), with the spellings
    /// BIND also accepts.
    /// </summary>
    public static readonly FrozenDictionary<string, byte> DnssecAlgorithms = new Dictionary<string, byte>
    {
        ["DELETE"] = 0, ["RSAMD5"] = 1, ["DH"] = 2, ["DSA"] = 3, ["RSASHA1"] = 5,
        ["DSA-NSEC3-SHA1"] = 6, ["NSEC3DSA"] = 6, ["RSASHA1-NSEC3-SHA1"] = 7, ["NSEC3RSASHA1"] = 7,
        ["RSASHA256"] = 8, ["RSASHA512"] = 10, ["ECC-GOST"] = 12, ["ECCGOST"] = 12,
        ["ECDSAP256SHA256"] = 13, ["ECDSAP384SHA384"] = 14, ["ED25519"] = 15, ["ED448"] = 16,
        ["INDIRECT"] = 252, ["PRIVATEDNS"] = 253, ["PRIVATEOID"] = 254,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The protocol octet of KEY (RFC 2535 §3.1.3) and DNSKEY, where it is always 3 (RFC 4034
    /// §2.1.2), with the names BIND reads.
    /// </summary>
    public static readonly FrozenDictionary<string, byte> KeyProtocols = new Dictionary<string, byte>
    {
        ["NONE"] = 0, ["TLS"] = 1, ["EMAIL"] = 2, ["DNSSEC"] = 3, ["IPSEC"] = 4, ["ALL"] = 255,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>DS digest types (IANA registry; RFC 4034 §5.1.3, RFC 4509, RFC 5933, RFC 6605).</summary>
    public static readonly FrozenDictionary<string, byte> DigestTypes = new Dictionary<string, byte>
    {
        ["SHA1"] = 1, ["SHA-1"] = 1, ["SHA256"] = 2, ["SHA-256"] = 2, ["GOST"] = 3, ["SHA384"] = 4, ["SHA-384"] = 4,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
}
