namespace Interop.Tests.Dnssec;

/// <summary>
/// A real validating resolver: Unbound with a trust anchor for example.com. and stubs to our
/// server checks every kind of answer (RFC 4035 §3.1, RFC 5155 §7.2) over NSEC and NSEC3 with
/// algorithms 13 and 15. Secure answers come back with AD; the insecure delegation without it but
/// without SERVFAIL, which shows the proof that no DS exists validated.
/// </summary>
public sealed class UnboundValidationTests
{
    public static TheoryData<string, string> Policies() => new()
    {
        { "nsec", "13" }, { "nsec3", "13" }, { "nsec", "15" }, { "nsec3", "15" },
    };

    private static readonly (string Name, string Type, string Status, bool Secure)[] Cases =
    [
        ("www.example.com.", "A", "NOERROR", true),                  // answer
        ("www.example.com.", "AAAA", "NOERROR", true),               // no data
        ("nothing.example.com.", "A", "NXDOMAIN", true),             // name error
        ("b.c.example.com.", "A", "NOERROR", true),                  // empty non-terminal
        ("x.b.c.example.com.", "A", "NXDOMAIN", true),               // wildcard blocked by an ENT
        ("anything.wild.example.com.", "A", "NOERROR", true),        // wildcard answer
        ("anything.wild.example.com.", "MX", "NOERROR", true),       // wildcard no data
        ("foo.wcname.example.com.", "A", "NOERROR", true),           // wildcard CNAME
        ("random.wmx.example.com.", "MX", "NOERROR", true),          // wildcard answer with additional data (a target with
        ("_x._tcp.wsrv.example.com.", "SRV", "NOERROR", true),       //   an address, one without, one outside): proof in authority
        ("todeleg.example.com.", "A", "NOERROR", true),              // CNAME into a delegation (AA on the CNAME, then the child)
        ("chain1.example.com.", "A", "NOERROR", true),               // CNAME chain
        ("dangling.example.com.", "A", "NXDOMAIN", true),            // CNAME to a missing name
        ("host.dn.example.com.", "A", "NXDOMAIN", true),             // DNAME, synthesized CNAME
        ("example.com.", "DNSKEY", "NOERROR", true),
        ("example.com.", "CDS", "NOERROR", true),
        ("example.com.", "MX", "NOERROR", true),
        ("sub.example.com.", "DS", "NOERROR", true),                 // DS at a delegation, from the parent
        ("child.example.com.", "DS", "NOERROR", true),               // DS of a served child, from the parent
        ("www.child.example.com.", "A", "NOERROR", true),            // secure delegation to a signed child
        ("nothing.child.example.com.", "A", "NXDOMAIN", true),
        ("insec.example.com.", "DS", "NOERROR", true),               // no DS: proven
        ("www.insec.example.com.", "A", "NOERROR", false),           // insecure delegation
    ];

    [Theory]
    [MemberData(nameof(Policies))]
    public void Every_kind_of_answer_validates(string denial, string algorithm)
    {
        using var server = new SignedServer(denial, algorithm);
        using var unbound = new UnboundProcess(["example.com", "child.example.com", "insec.example.com"],
            server.Server.EndPoint, server.TrustAnchor(), [("deleg.example.com", server.Delegated.EndPoint)]);
        var failures = new List<string>();
        foreach (var (name, type, status, secure) in Cases)
        {
            var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", unbound.Port.ToString(), "+dnssec", "+tries=1", "+time=5", name, type]);
            bool ad = System.Text.RegularExpressions.Regex.IsMatch(r.Output, @"flags:[^;]* ad[ ;]");
            if (!r.Output.Contains($"status: {status}", StringComparison.Ordinal) || ad != secure)
            {
                string flags = r.Output.Split('\n').FirstOrDefault(l => l.Contains("flags:", StringComparison.Ordinal)) ?? "";
                string got = r.Output.Split('\n').FirstOrDefault(l => l.Contains("status:", StringComparison.Ordinal)) ?? r.Output;
                failures.Add($"{name} {type}: expected {status}{(secure ? " with AD" : " without AD")}; got {got.Trim()} / {flags.Trim()}");
            }
        }
        string log;
        lock (unbound.Log) { log = unbound.Log.ToString(); }
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n--- unbound log ---\n" + string.Join("\n", log.Split('\n').TakeLast(30)));
    }
}
