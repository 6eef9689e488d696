namespace Desec.Auth.Tests.Query;

/// <summary>Zones with every case the answerer distinguishes.</summary>
public static class ExampleZones
{
    public const string Example = """
        $TTL 3600
        @        SOA   ns1 hostmaster 1 7200 3600 1209600 300
                 NS    ns1
                 NS    ns2.example.net.
                 MX    10 mail
                 MX    20 mail
                 MX    30 mx.example.net.
        ns1      A     192.0.2.1
                 AAAA  2001:db8::1
        mail     A     192.0.2.25
        www      A     192.0.2.80
                 A     192.0.2.81
                 TXT   "web"
        alias    CNAME www
        chain1   CNAME chain2
        chain2   CNAME alias
        loop1    CNAME loop2
        loop2    CNAME loop1
        dangling CNAME nowhere
        outside  CNAME www.example.net.
        _sip._udp SRV  10 60 5060 mail
        *.wild   A     192.0.2.100
                 TXT   "wildcard"
        *.wcname CNAME www
        *.wmx    MX    10 mail
                 MX    20 mx.example.net.
        *.wsrv   SRV   10 60 5060 mail
                 SRV   20 60 5060 noaddress
        noaddress TXT  "a target without addresses"
        tosub    CNAME www.sub
        tochild  CNAME www.child
        exists.wild A  192.0.2.101
        a.b.c    A     192.0.2.102
        *.c      A     192.0.2.103
        dn       DNAME target.example.com.
        sub      NS    ns.sub
                 NS    ns.other.example.com.
                 DS    60485 13 2 D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A
        ns.sub   A     192.0.2.53
        deep.sub A     192.0.2.54
        child    NS    ns1.child
        ns1.child A    192.0.2.60
        big      TXT   "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
                 TXT   "1123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
                 TXT   "2123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
                 TXT   "3123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
                 TXT   "4123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
                 TXT   "5123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
        small    A     192.0.2.200
        """;

    /// <summary>A child zone served beside its parent, so DS must come from the parent (RFC 4035 §3.1.4.1).</summary>
    public const string Child = """
        $TTL 600
        @        SOA   ns1 hostmaster 7 7200 3600 1209600 60
                 NS    ns1
        ns1      A     192.0.2.60
        www      A     192.0.2.61
        """;

    public static Desec.Auth.Zones.ZoneStore Store() =>
        TestQueries.Store(("example.com.", Example), ("child.example.com.", Child));
}
