using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Desec.Zone.Text;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// An unsigned number of 1 or 2 octets that text may give by name, in any case, and that is
/// printed by its name where it has one, as BIND prints it (the CERT type and algorithm, the
/// DSYNC scheme). <paramref name="names"/> maps each name to its number; the first name of a
/// number is the one printed.
/// </summary>
public sealed class NamedNumberField(string name, int size, IReadOnlyList<(string Name, ushort Value)> names) : UIntField(name, size)
{
    private readonly FrozenDictionary<string, ushort> _byName =
        names.DistinctBy(n => n.Name).ToFrozenDictionary(n => n.Name, n => n.Value, StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<ushort, string> _byValue =
        names.DistinctBy(n => n.Value).ToFrozenDictionary(n => n.Value, n => n.Name);

    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        var token = tokens.Next(Name);
        if (token.Quoted || !TryParseValue(token.Text, out uint value))
        {
            throw tokens.Error(token, $"expected {Name} (a number or one of {string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal))}), found '{token.Text}'");
        }
        Write(output, value);
    }

    protected override bool TryParseValue(string text, out uint value)
    {
        if (base.TryParseValue(text, out value)) { return true; }
        if (_byName.TryGetValue(text, out ushort known)) { value = known; return true; }
        return false;
    }

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        uint value = ReadValue(rdata, position, Size);
        output.Append(_byValue.TryGetValue((ushort)value, out var known) ? known : value.ToString(CultureInfo.InvariantCulture));
        position += Size;
    }

    /// <summary>
    /// DNSSEC algorithms by the names BIND prints (RFC 4034 Appendix A.1 and the IANA registry),
    /// for fields that print names; the DNSKEY, DS and RRSIG algorithm fields print numbers.
    /// </summary>
    public static readonly IReadOnlyList<(string, ushort)> DnssecAlgorithmNames =
    [
        ("RSAMD5", 1), ("DH", 2), ("DSA", 3), ("RSASHA1", 5), ("NSEC3DSA", 6), ("NSEC3RSASHA1", 7), ("RSASHA256", 8),
        ("RSASHA512", 10), ("ECCGOST", 12), ("ECDSAP256SHA256", 13), ("ECDSAP384SHA384", 14), ("ED25519", 15),
        ("ED448", 16), ("INDIRECT", 252), ("PRIVATEDNS", 253), ("PRIVATEOID", 254),
    ];
}
