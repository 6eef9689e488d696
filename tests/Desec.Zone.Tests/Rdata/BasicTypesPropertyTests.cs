using CsCheck;
using Desec.Zone.Records;
using static Desec.Zone.Tests.Rdata.BasicTypesTestHelper;

namespace Desec.Zone.Tests.Rdata;

/// <summary>
/// For random valid RDATA of the basic types: read from the wire, printed, and parsed again, the
/// octets come back unchanged. Names and strings carry arbitrary octets, so every escape is exercised.
/// </summary>
public class BasicTypesPropertyTests
{
    private static readonly Gen<byte[]> Label = Gen.Byte.Array[1, 20];

    private static readonly Gen<byte[]> Name =
        Label.Array[0, 4].Select(labels => Concat([.. labels.Select(l => Concat([(byte)l.Length], l)), [0]]));

    private static readonly Gen<byte[]> CharacterString = Gen.Byte.Array[0, 255].Select(b => Concat([(byte)b.Length], b));

    private static readonly Gen<byte[]> UInt16 = Gen.UShort.Select(v => BigEndian(v, 2));
    private static readonly Gen<byte[]> UInt32 = Gen.UInt.Select(v => BigEndian(v, 4));

    private static readonly Gen<byte[]> Soa =
        from mname in Name
        from rname in Name
        from timers in UInt32.Array[5]
        select Concat([mname, rname, .. timers]);

    private static readonly Gen<byte[]> Mx = from p in UInt16 from n in Name select Concat(p, n);

    private static readonly Gen<byte[]> Srv =
        from fields in UInt16.Array[3]
        from target in Name
        select Concat([.. fields, target]);

    private static readonly Gen<byte[]> Txt = CharacterString.Array[1, 5].Select(s => Concat(s));

    private static readonly Gen<byte[]> Hinfo = from cpu in CharacterString from os in CharacterString select Concat(cpu, os);

    // RFC 3402 §3.2 substitution expressions: '!' delimits; the parts hold neither '!' nor '\'.
    private static readonly Gen<byte[]> Regexp = Gen.OneOf(
        Gen.Const(Array.Empty<byte>()),
        from ere in Gen.Byte[0x20, 0x7E].Where(b => b is not (byte)'!' and not (byte)'\\').Array[1, 30]
        from repl in Gen.Byte.Where(b => b is not (byte)'!' and not (byte)'\\').Array[0, 30]
        from caseless in Gen.Bool
        select Concat([(byte)'!'], ere, [(byte)'!'], repl, caseless ? "!i"u8.ToArray() : "!"u8.ToArray()));

    private static readonly Gen<byte[]> Naptr =
        from order in UInt16
        from preference in UInt16
        from flags in CharacterString
        from services in CharacterString
        from regexp in Regexp
        from replacement in Name
        select Concat(order, preference, flags, services, Concat([(byte)regexp.Length], regexp), replacement);

    private static readonly Gen<byte> Precision = Gen.OneOf(
        Gen.Const((byte)0),
        from mantissa in Gen.Int[1, 9] from exponent in Gen.Int[0, 9] select (byte)((mantissa << 4) | exponent));

    private static readonly Gen<byte[]> Loc =
        from size in Precision
        from horizontal in Precision
        from vertical in Precision
        from latitude in Gen.Long[-90L * 3_600_000, 90L * 3_600_000]
        from longitude in Gen.Long[-180L * 3_600_000, 180L * 3_600_000]
        from altitude in Gen.UInt
        select Concat([0, size, horizontal, vertical], BigEndian((uint)(0x8000_0000 + latitude), 4),
            BigEndian((uint)(0x8000_0000 + longitude), 4), BigEndian(altitude, 4));

    private static readonly Gen<byte[]> Uri =
        from priority in UInt16 from weight in UInt16 from target in Gen.Byte.Array[0, 300]
        select Concat(priority, weight, target);

    private static readonly Gen<byte[]> Caa =
        from flags in Gen.Byte
        from tag in Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"].Array[1, 16]
        from value in Gen.Byte.Array[0, 300]
        select Concat([flags, (byte)tag.Length], [.. tag.Select(c => (byte)c)], value);

    public static TheoryData<string> Cases => ["NS", "CNAME", "PTR", "DNAME", "SOA", "MX", "SRV", "TXT", "SPF", "HINFO", "NAPTR", "LOC", "URI", "CAA", "A", "AAAA"];

    private static Gen<byte[]> For(ushort type) => type switch
    {
        RRType.NS or RRType.CNAME or RRType.PTR or RRType.DNAME => Name,
        RRType.SOA => Soa,
        RRType.MX => Mx,
        RRType.SRV => Srv,
        RRType.TXT or RRType.SPF => Txt,
        RRType.HINFO => Hinfo,
        RRType.NAPTR => Naptr,
        RRType.LOC => Loc,
        RRType.URI => Uri,
        RRType.CAA => Caa,
        RRType.A => Gen.Byte.Array[4],
        _ => Gen.Byte.Array[16],
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Format_then_parse_gives_back_the_same_octets(string mnemonic)
    {
        Assert.True(RRType.TryParse(mnemonic, out ushort type));
        For(type).Sample(wire =>
        {
            var canonical = ReadWire(type, wire);
            Assert.Equal(wire.Length, canonical.Length);
            string text = Format(type, canonical);
            Assert.Equal(canonical, Parse(type, text));
            Assert.Equal(canonical, ReadWire(type, canonical));
        }, iter: 500);
    }

    /// <summary>Arbitrary octets are either refused with a <see cref="Desec.Zone.Wire.DnsWireException"/> or round-trip like valid ones.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Random_octets_are_refused_cleanly_or_round_trip(string mnemonic)
    {
        Assert.True(RRType.TryParse(mnemonic, out ushort type));
        Gen.OneOf(Gen.Byte.Array[0, 40], For(type).Select(Gen.Int[0, 3], Gen.Byte, Mutate)).Sample(wire =>
        {
            byte[] canonical;
            try { canonical = ReadWire(type, wire); }
            catch (Desec.Zone.Wire.DnsWireException) { return; }
            Assert.Equal(canonical, Parse(type, Format(type, canonical)));
        }, iter: 1000);
    }

    /// <summary>A valid RDATA with one octet overwritten (where there is one) and maybe cut short.</summary>
    private static byte[] Mutate(byte[] wire, int cut, byte value)
    {
        var copy = wire[..Math.Max(0, wire.Length - cut)];
        if (copy.Length > 0) { copy[value % copy.Length] = value; }
        return copy;
    }

    private static byte[] BigEndian(ulong value, int size)
    {
        var bytes = new byte[size];
        for (int i = size - 1; i >= 0; i--, value >>= 8) { bytes[i] = (byte)value; }
        return bytes;
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
