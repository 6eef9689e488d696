using CsCheck;

namespace Interop.Tests.ZoneFileParity;

/// <summary>
/// Random zone files for example.com. built from the corners of RFC 1035 §5.1 and BIND's
/// extensions: owners quoted or escaped, relative or absolute, <c>@</c> and blank; TTL and class in
/// either order, TTL units; quoted and unquoted strings with escapes; names and types in RDATA;
/// the generic form; <c>$TTL</c>, <c>$ORIGIN</c> and <c>$GENERATE</c>; and a layout of blanks, tabs,
/// nested parentheses, comments and CRLF. A few entries are near misses that BIND refuses, so
/// that the comparison also runs the other way.
/// </summary>
internal static class ZoneTextGenerator
{
    /// <summary>One logical entry: its words, and whether it starts with a blank (the previous owner).</summary>
    private sealed record Entry(string[] Words, bool Blank = false, bool Directive = false);

    private static readonly Gen<string> LabelPiece = Gen.OneOf(
        "a", "b", "www", "Mail", "x-1", "_tcp", "0", "z9", "\\.", "\\032", "\\065", "\\\\", "\\\"", "\\(", "\\;",
        "\\@", "\\$", "é", "\\255", "\\000", "*x", "UPPER");

    private static readonly Gen<string> Label = LabelPiece.Array[1, 3].Select(string.Concat);

    private static readonly Gen<string> RelativeName = Label.Array[1, 3].Select(labels => string.Join('.', labels));

    /// <summary>A name as written in RDATA or as an owner: relative, absolute in or out of the zone, or <c>@</c>.</summary>
    private static readonly Gen<string> Name = Gen.Frequency(
        (6, RelativeName),
        (2, RelativeName.Select(n => n + ".example.com.")),
        (1, RelativeName.Select(n => n + ".example.net.")),
        (1, Gen.OneOf("@", ".", "example.com.", "EXAMPLE.com.")));

    private static readonly Gen<string> Owner = Gen.Frequency(
        (8, Name.Where(n => n != "." && !n.EndsWith(".example.net.", StringComparison.Ordinal))),
        (3, Name.Where(n => n != ".").Select(n => $"\"{n}\"")),
        (1, Gen.OneOf("\"a b\"", "\"semi;colon\"", "\"paren(s)\"", "\"tab\tin\"", "*", "*.w", "x.example.net.", "\"\"")));

    private static readonly Gen<string> Ttl = Gen.Frequency(
        (60, Gen.UInt[0, 86400].Select(t => t.ToString())),
        (30, Gen.OneOf("1h", "2H30m", "1w2d", "1W", "90s", "1h1h", "0300", "00000000000300", "1d0h")),
        (2, Gen.OneOf("2147483647", "2147483648", "4294967295")),
        // Near misses, which BIND refuses.
        (1, Gen.OneOf("1h30", "4294967296", "1x")));

    private static readonly Gen<string> Class = Gen.OneOf("IN", "in", "CLASS1");

    private static readonly Gen<string> Octet = Gen.Int[0, 255].Select(i => i.ToString());

    private static readonly Gen<string> Hex = Gen.Byte.Array[1, 8].Select(b => Convert.ToHexString(b));

    private static Gen<string> HexOf(int octets) => Gen.Byte.Array[octets].Select(b => Convert.ToHexString(b));

    private static readonly Gen<string> StringPiece = Gen.OneOf(
        "a", "b c", ";", "\\\"", "\\\\", "\\255", "\\000", "\\040", "é", "(", ")", "\\;", "x\\ y", "$", "@", "\\\r");

    private static readonly Gen<string> CharacterString = Gen.Frequency(
        (30, StringPiece.Where(p => p is not ("b c" or ";" or "(" or ")" or "\\\r")).Array[1, 4].Select(string.Concat)),
        (40, StringPiece.Where(p => p != "\\\r").Array[0, 5].Select(p => $"\"{string.Concat(p)}\"")),
        (1, Gen.OneOf("\"" + new string('x', 255) + "\"", "\"" + new string('x', 256) + "\"", "\\256", "\\12")));

    /// <summary>A type as written and its RDATA words.</summary>
    private static readonly Gen<string[]> TypeAndRdata = Gen.OneOf(
        Gen.Select(Octet, Octet, (a, b) => new[] { "A", $"192.{a}.2.{b}" }),
        Gen.Select(Octet, Octet, (a, b) => new[] { "a", $"10.{a}.0.{b}" }),
        Gen.OneOf<string[]>(["AAAA", "2001:db8::1"], ["AAAA", "::ffff:1.2.3.4"], ["aaaa", "2001:DB8:0:0:0:0:0:1"], new[] { "AAAA", "1:2:3:4:5:6:7::" }),
        Gen.Select(Gen.Frequency((8, Gen.OneOf("NS", "PTR", "MB", "NSAP-PTR")), (1, Gen.OneOf("CNAME", "DNAME"))), Name, (t, n) => new[] { t, n }),
        Gen.Select(Gen.Frequency((20, Gen.OneOf("10", "010", "0", "65535")), (1, Gen.Const("65536"))), Name, (p, n) => new[] { "MX", p, n }),
        Gen.Select(CharacterString.Array[1, 3], s => new[] { "TXT" }.Concat(s).ToArray()),
        Gen.Select(CharacterString, CharacterString, (a, b) => new[] { "HINFO", a, b }),
        Gen.Select(Gen.UShort, Gen.UShort, Gen.UShort, Name, (a, b, c, n) => new[] { "SRV", $"{a}", $"{b}", $"{c}", n }),
        Gen.OneOf<string[]>(["CAA", "0", "issue", "\"ca.example.net; account=1\""], ["CAA", "128", "tbs", "x"], new[] { "CAA", "0", "ISSUE", "\"\"" }),
        Gen.Select(HexOf(32), h => new[] { "SSHFP", "4", "2", h[..20], h[20..] }),
        Gen.Select(HexOf(32), Gen.OneOf("2", "SHA-256"), (h, t) => new[] { "DS", "60485", "13", t, h }),
        Gen.Select(HexOf(20), Gen.Int[0, 20], (h, cut) => new[] { "DS", "1", "RSASHA256", "1", cut == 0 ? h[..38] : h }),
        Gen.Select(Name, Name, (a, b) => new[] { "RP", a, b }),
        Gen.Select(Gen.UShort, Name, (p, n) => new[] { "AFSDB", $"{p}", n }),
        Gen.Select(Gen.UShort, Name, (p, n) => new[] { "KX", $"{p}", n }),
        Gen.Select(HexOf(6), h => new[] { "EUI48", string.Join('-', h.Chunk(2).Select(c => new string(c))) }),
        Gen.Select(Gen.UShort, Octet, (p, a) => new[] { "L32", $"{p}", $"10.{a}.2.0" }),
        Gen.OneOf<string[]>(["NID", "10", "0014:4fff:ff20:ee64"], ["APL", "1:192.168.32.0/21", "!2:ff00::/8"], ["APL"],
            ["CERT", "PGP", "0", "0", "AQID"], ["LOC", "52", "22", "23.000", "N", "4", "53", "32.000", "E", "-2.00m"],
            ["SVCB", "1", ".", "alpn=h2,h3", "port=443"], ["HTTPS", "0", "target"], ["TYPE1", "\\#", "4", "C0", "000201"],
            new[] { "NSEC", "next", "A", "TYPE1234", "RRSIG" }),
        Gen.Select(Gen.Int[0, 128], Octet, Name, (p, a, n) => p == 128 ? new[] { "A6", "128", n } : p == 0 ? ["A6", "0", $"2001:db8::{a}"] : ["A6", $"{p}", $"::{a}:ffff", n]),
        Gen.Select(Gen.Int[0, 3], Octet, Name, (t, a, n) => new[] { "IPSECKEY", "10", $"{t}", "2", t switch { 0 => ".", 1 => $"192.0.2.{a}", 2 => "2001:db8::1", _ => n }, "AQID" }),
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1], Name, (t, d, n) => new[] { "AMTRELAY", "5", $"{d}", $"{t}", t switch { 0 => ".", 1 => "192.0.2.1", 2 => "::1", _ => n } }),
        Gen.Select(Name.Array[0, 2], n => new[] { "HIP", "2", "200100107B1A74DF365639CC39F1D578", "AwEAAbdx" }.Concat(n).ToArray()),
        Gen.Select(Gen.OneOf("ZONE", "256", "0x101", "NOKEY|EXTEND", "zone|noauth", "SEP"), Gen.OneOf("3", "DNSSEC", "ALL"),
            (f, p) => new[] { "KEY", f, p, "13", "AQID" }),
        Gen.Select(Gen.OneOf("A", "MX", "1", "15", "127", "TYPE99", "NXT"), t => new[] { "NXT", "next", "A", t }),
        Gen.Select(CharacterString, CharacterString, CharacterString, (a, b, c) => new[] { "GPOS", a, b, c }),
        Gen.Select(CharacterString, CharacterString, (a, b) => new[] { "ISDN", a, b }),
        Gen.Select(Gen.OneOf("1234", "311061700956", "\"5555\"", "12a4"), x => new[] { "X25", x }),
        Gen.Select(Hex, h => new[] { "NSAP", "0x" + h }),
        Gen.Select(Hex, h => new[] { "ATMA", h }),
        Gen.Select(Name, Name, (a, b) => new[] { "TALINK", a, b }),
        Gen.Select(Gen.OneOf("CDS", "CSYNC", "59", "TYPE1"), Gen.OneOf("NOTIFY", "1", "0", "200"), Name, (t, k, n) => new[] { "DSYNC", t, k, "5359", n }),
        Gen.Select(CharacterString, Gen.OneOf("-", "R0lG"), (m, d) => new[] { "DOA", "1", "2", "3", m, d }),
        Gen.Select(Gen.OneOf("PKIX", "pgp", "1", "URI", "300"), Gen.OneOf("0", "13", "ECDSAP256SHA256", "RSAMD5"), (t, a) => new[] { "CERT", t, "7", a, "AQID" }),
        Gen.OneOf<string[]>(["SVCB", "1", "svc", "alpn=\"h2,h3\"", "ipv4hint=192.0.2.1,192.0.2.2"], ["HTTPS", "1", ".", "mandatory=alpn", "alpn=h3"],
            ["EUI64", "00-00-5e-ef-10-00-00-2a"], ["L64", "10", "2001:0db8:1140:1000"], ["LP", "1", "l64.example.com."],
            ["WKS", "192.0.2.1", "TCP", "25", "80"], ["URI", "10", "1", "\"ftp://ftp1.example.com/public\""],
            ["NAPTR", "100", "10", "\"\"", "\"\"", "\"!^.*$!sip:x@example.com!\"", "."], ["DHCID", "AAIBY2/A", "uCccgoJ="]),
        Gen.Select(Hex, h => new[] { "TYPE65280", "\\#", (h.Length / 2).ToString(), h }),
        Gen.Select(Hex, h => new[] { "type65280", "\\#", (h.Length / 2 + 1).ToString(), h }));

    private static readonly Gen<Entry> Record = Gen.Select(
            Owner, Gen.Bool, Gen.Int[0, 4], Ttl, Class, TypeAndRdata,
            (owner, blank, order, ttl, rrClass, typeAndRdata) =>
            {
                string[] head = order switch
                {
                    0 => [ttl, rrClass],
                    1 => [rrClass, ttl],
                    2 => [ttl],
                    3 => [rrClass],
                    _ => [],
                };
                return new Entry([.. blank ? [] : new[] { owner }, .. head, .. typeAndRdata], Blank: blank);
            });

    private static readonly Gen<Entry> Directive = Gen.OneOf(
        Ttl.Select(t => new Entry(["$TTL", t], Directive: true)),
        Gen.Frequency((10, Gen.OneOf("sub", "sub.example.com.", "example.com.", "\\$x")), (1, Gen.Const("x.example.net.")))
            .Select(o => new Entry(["$ORIGIN", o], Directive: true)),
        Gen.OneOf<string[]>(
            ["$GENERATE", "1-3", "h$", "A", "192.0.2.$"],
            ["$GENERATE", "0-20/7", "g${5,3,d}", "IN", "60", "TXT", "\"v$ \\\"q\\\"\""],
            ["$GENERATE", "254-255", "${0,4,n}", "PTR", "host$"],
            ["$generate", "1-2", "m$", "MX", "\"1$ mx${1}\""],
            ["$GENERATE", "1-2", "w${0,2,x}", "AAAA", "2001:db8::$"]).Select(words => new Entry(words, Directive: true)));

    private static readonly Gen<Entry> Entry1 = Gen.Frequency((8, Record), (2, Directive));

    /// <summary>Puts the words of an entry on one or more lines, with parentheses, comments and assorted blanks.</summary>
    private static Gen<string> Layout(Entry entry, string lineEnd) => Gen.Select(
        Gen.OneOf(" ", "\t", "  ", " \t "), Gen.Int[0, 9], Gen.Int[1, 6], Gen.Bool, Gen.OneOf("", " ; note", ";x(", " ; \"q"),
        (blank, style, split, nested, comment) =>
        {
            var words = entry.Words;
            string start = entry.Blank ? blank : "";
            // A $GENERATE in parentheses BIND refuses and we load (see generate-parentheses.zone).
            if (style < 5 || words.Length < 3 || entry.Directive)
            {
                return start + string.Join(blank, words) + comment + lineEnd;
            }
            // RFC 1035 §5.1: parentheses let the entry go on over line ends, comments inside.
            int at = Math.Min(split, words.Length - 1);
            string open = nested ? "( (" : "(";
            string close = nested ? ") )" : ")";
            return start + string.Join(blank, words[..at]) + blank + open + blank
                + string.Join(comment + lineEnd + blank, words[at..]) + blank + close + comment + lineEnd;
        });

    /// <summary>A whole file: the apex SOA and NS, then entries; LF or CRLF line ends.</summary>
    public static readonly Gen<string> ZoneText =
        Gen.OneOf("\n", "\r\n").SelectMany(lineEnd => Gen.Select(
            Gen.Bool,
            Entry1.SelectMany(entry => Layout(entry, lineEnd)).Array[3, 14],
            (withTtl, lines) =>
                (withTtl ? "$TTL 300" + lineEnd : "")
                // The name server is out of the zone: BIND 9.18 refuses a DS at the name of an apex
                // NS target as "DS record at top of zone", a quirk of its own.
                + "@ SOA ns.example.net. hostmaster ( 1 7200 3600 1209600 300 )" + lineEnd
                + "  NS ns.example.net." + lineEnd
                + string.Concat(lines)));
}
