namespace Desec.Signer.Denial.Tests;

/// <summary>
/// A zone with every case a denial chain must get right: a signed delegation (DS) with glue, an
/// unsigned one with glue, an address record at the cut and occluded data below it, a delegation
/// below an empty non-terminal, a wildcard, a chain of empty non-terminals, a CNAME and a DNAME.
/// </summary>
internal static class MixedZone
{
    public const string Text = """
        $ORIGIN example.
        $TTL 3600
        @        IN SOA ns1 hostmaster 1 7200 3600 1209600 300
        @        IN NS  ns1
        @        IN NS  ns.secure
        @        IN MX  10 mail
        ns1      IN A   192.0.2.1
        mail     IN A   192.0.2.2
        mail     IN AAAA 2001:db8::2
        secure   IN NS  ns.secure
        secure   IN DS  12345 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
        ns.secure IN A  192.0.2.3
        insecure IN NS  ns.insecure
        insecure IN NS  ns1
        insecure IN A   192.0.2.9
        ns.insecure IN A 192.0.2.4
        deep.below.insecure IN TXT "occluded"
        *.wild   IN TXT "wildcard"
        *.wild   IN MX  10 mail
        a.b.c    IN A   192.0.2.5
        x.ent    IN NS  ns1
        alias    IN CNAME mail
        redirect IN DNAME example.net.
        """;

    public static Desec.Zone.Zones.Zone Zone => TestSupport.ZoneFromText(Text);
}
