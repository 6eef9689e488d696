using ARSoft.Tools.Net.Dns;
using Desec.Signer.Signing;
using Desec.Zone.Records;
using Desec.Zone.Zones;
using static Desec.Auth.Tests.TestQueries;

namespace Desec.Auth.Tests.Query;

/// <summary>
/// Every name of the example zones (and names below them, missing ones, wildcard expansions) with
/// every type, with DO and without, unsigned, over NSEC and over NSEC3: the writer refuses a record
/// written to an earlier section than one already written (RFC 1035 §4.1), so a response at all
/// shows the stages ran in order; and the records are where the RFCs put them.
/// </summary>
public class Rfc1035SectionOrderTests
{
    private static readonly ushort[] QueryTypes =
        [RRType.A, RRType.AAAA, RRType.NS, RRType.SOA, RRType.MX, RRType.TXT, RRType.CNAME, RRType.SRV, RRType.DS,
         RRType.DNAME, RRType.RRSIG, RRType.NSEC, RRType.ANY];

    public static TheoryData<string> Denials() => ["none", "nsec", "nsec3"];

    private static List<string> Names(Desec.Auth.Zones.ZoneStore store)
    {
        var names = new List<string>();
        foreach (var served in store.Current.Zones)
        {
            foreach (var node in served.Zone.Nodes)
            {
                string name = node.Name.ToString();
                names.Add(name);
                names.Add("nx-" + name.Replace("*.", "star.", StringComparison.Ordinal));
                names.Add("a.b." + name.Replace("*.", "", StringComparison.Ordinal));
            }
        }
        return names;
    }

    [Theory]
    [MemberData(nameof(Denials))]
    public void Every_answer_keeps_its_sections_and_flags(string denial)
    {
        (string, string)[] zones = [("example.com.", ExampleZones.Example), ("child.example.com.", ExampleZones.Child)];
        var store = denial switch
        {
            "nsec" => SignedStore(DenialMode.Nsec, zones),
            "nsec3" => SignedStore(DenialMode.Nsec3, zones),
            _ => Store(zones),
        };
        var problems = new List<string>();
        foreach (var name in Names(store))
        {
            foreach (var type in QueryTypes)
            {
                foreach (bool dnssecOk in (bool[])[false, true])
                {
                    var m = Ask(store, name, type, udpSize: 4096, transport: Desec.Auth.Transport.TransportKind.Tcp, dnssecOk: dnssecOk);
                    string where = $"{name} {RRType.ToText(type)} DO={dnssecOk}";
                    // RFC 4035 §3.1.3: denial records prove something about the answer: they go in the authority section.
                    if (m.AdditionalRecords.Any(r => r.RecordType is RecordType.NSec or RecordType.NSec3 or RecordType.Soa))
                    {
                        problems.Add($"{where}: denial or SOA records in the additional section");
                    }
                    // RFC 1035 §4.1.1: AA describes the first owner name of the answer; only a referral for it is not authoritative.
                    bool referral = m.AnswerRecords.Count == 0 && m.AuthorityRecords.Any(r => r.RecordType == RecordType.Ns);
                    if (m.ReturnCode != ReturnCode.Refused && m.IsAuthoritiveAnswer == referral)
                    {
                        problems.Add($"{where}: AA={m.IsAuthoritiveAnswer} for {(referral ? "a referral" : "an authoritative answer")}");
                    }
                    if (!dnssecOk && m.AnswerRecords.Concat(m.AuthorityRecords).Any(r => r.RecordType is RecordType.NSec or RecordType.NSec3)
                        && type is not (RRType.NSEC or RRType.ANY))
                    {
                        problems.Add($"{where}: denial records without DO (RFC 4035 §3.1)");
                    }
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }
}
