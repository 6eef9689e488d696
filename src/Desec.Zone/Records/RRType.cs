using System.Collections.Frozen;
using System.Globalization;

namespace Desec.Zone.Records;

/// <summary>RR TYPE values (IANA "Resource Record (RR) TYPEs") and their mnemonics.</summary>
public static class RRType
{
    public const ushort A = 1, NS = 2, MD = 3, MF = 4, CNAME = 5, SOA = 6, MB = 7, MG = 8, MR = 9, NULL = 10,
        WKS = 11, PTR = 12, HINFO = 13, MINFO = 14, MX = 15, TXT = 16, RP = 17, AFSDB = 18, X25 = 19, ISDN = 20,
        RT = 21, NSAP = 22, NSAPPTR = 23, SIG = 24, KEY = 25, PX = 26, GPOS = 27, AAAA = 28, LOC = 29, NXT = 30, SRV = 33, NAPTR = 35,
        KX = 36, CERT = 37, A6 = 38, DNAME = 39, SINK = 40, OPT = 41, ATMA = 34, EID = 31, NIMLOC = 32, APL = 42, DS = 43, SSHFP = 44, IPSECKEY = 45,
        RRSIG = 46, NSEC = 47, DNSKEY = 48, DHCID = 49, NSEC3 = 50, NSEC3PARAM = 51, TLSA = 52, SMIMEA = 53,
        HIP = 55, NINFO = 56, RKEY = 57, TALINK = 58, CDS = 59, CDNSKEY = 60, OPENPGPKEY = 61, CSYNC = 62, ZONEMD = 63, SVCB = 64, HTTPS = 65, DSYNC = 66, HHIT = 67, BRID = 68,
        SPF = 99, UINFO = 100, UID = 101, GID = 102, UNSPEC = 103, NID = 104, L32 = 105, L64 = 106, LP = 107, EUI48 = 108, EUI64 = 109,
        TKEY = 249, TSIG = 250, IXFR = 251, AXFR = 252, MAILB = 253, MAILA = 254, ANY = 255,
        URI = 256, CAA = 257, AVC = 258, DOA = 259, AMTRELAY = 260, RESINFO = 261, WALLET = 262, TA = 32768, DLV = 32769;

    private static readonly FrozenDictionary<ushort, string> Names = new Dictionary<ushort, string>
    {
        [A] = "A", [NS] = "NS", [MD] = "MD", [MF] = "MF", [CNAME] = "CNAME", [SOA] = "SOA", [MB] = "MB",
        [MG] = "MG", [MR] = "MR", [NULL] = "NULL", [WKS] = "WKS", [PTR] = "PTR", [HINFO] = "HINFO",
        [MINFO] = "MINFO", [MX] = "MX", [TXT] = "TXT", [RP] = "RP", [AFSDB] = "AFSDB", [X25] = "X25",
        [ISDN] = "ISDN", [RT] = "RT", [NSAP] = "NSAP", [NSAPPTR] = "NSAP-PTR", [EID] = "EID", [NIMLOC] = "NIMLOC", [ATMA] = "ATMA", [SINK] = "SINK", [SIG] = "SIG", [KEY] = "KEY", [PX] = "PX", [GPOS] = "GPOS",
        [AAAA] = "AAAA", [LOC] = "LOC", [NXT] = "NXT", [SRV] = "SRV", [NAPTR] = "NAPTR", [KX] = "KX",
        [CERT] = "CERT", [A6] = "A6", [DNAME] = "DNAME", [OPT] = "OPT", [APL] = "APL", [DS] = "DS",
        [SSHFP] = "SSHFP", [IPSECKEY] = "IPSECKEY", [RRSIG] = "RRSIG", [NSEC] = "NSEC", [DNSKEY] = "DNSKEY",
        [DHCID] = "DHCID", [NSEC3] = "NSEC3", [NSEC3PARAM] = "NSEC3PARAM", [TLSA] = "TLSA", [SMIMEA] = "SMIMEA",
        [HIP] = "HIP", [NINFO] = "NINFO", [RKEY] = "RKEY", [TALINK] = "TALINK", [CDS] = "CDS", [CDNSKEY] = "CDNSKEY", [OPENPGPKEY] = "OPENPGPKEY", [CSYNC] = "CSYNC",
        [ZONEMD] = "ZONEMD", [SVCB] = "SVCB", [HTTPS] = "HTTPS", [DSYNC] = "DSYNC", [HHIT] = "HHIT", [BRID] = "BRID", [SPF] = "SPF", [UINFO] = "UINFO", [UID] = "UID", [GID] = "GID", [UNSPEC] = "UNSPEC", [NID] = "NID", [L32] = "L32",
        [L64] = "L64", [LP] = "LP", [EUI48] = "EUI48", [EUI64] = "EUI64", [TKEY] = "TKEY", [TSIG] = "TSIG",
        [IXFR] = "IXFR", [AXFR] = "AXFR", [MAILB] = "MAILB", [MAILA] = "MAILA", [ANY] = "ANY", [URI] = "URI",
        [CAA] = "CAA", [AVC] = "AVC", [DOA] = "DOA", [AMTRELAY] = "AMTRELAY", [RESINFO] = "RESINFO", [WALLET] = "WALLET",
        [TA] = "TA", [DLV] = "DLV",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, ushort> Values =
        Names.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>The mnemonic, or <c>TYPEnnn</c> (RFC 3597 §5) for a type without one.</summary>
    public static string ToText(ushort type) =>
        Names.TryGetValue(type, out var name) ? name : "TYPE" + type.ToString(CultureInfo.InvariantCulture);

    /// <summary>BIND's private KEYDATA type (its managed-keys zone), which BIND reads by name and prints as TYPE65533.</summary>
    private const ushort KeyData = 65533;

    /// <summary>Accepts a mnemonic in any case, BIND's KEYDATA, or the generic <c>TYPEnnn</c> form.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ushort type)
    {
        var lookup = Values.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out type)) { return true; }
        if (text.Equals("KEYDATA", StringComparison.OrdinalIgnoreCase)) { type = KeyData; return true; }
        if (text.Length > 4 && text[..4].Equals("TYPE", StringComparison.OrdinalIgnoreCase)
            && text[4] != '+' && text[4] != '-'
            && ushort.TryParse(text[4..], NumberStyles.None, CultureInfo.InvariantCulture, out type))
        {
            return true;
        }
        type = 0;
        return false;
    }

    /// <summary>Meta and query-only types (RFC 6895 §3.1) that never appear as zone data.</summary>
    public static bool IsMetaOrQuery(ushort type) => type is OPT or TKEY or TSIG or IXFR or AXFR or MAILB or MAILA or ANY
        || (type >= 128 && type <= 255);
}
