using Desec.Auth.Zones;
using Desec.Signer.Denial;
using Desec.Signer.Signing;
using Desec.Zone.Messages;
using Desec.Zone.Records;

namespace Desec.Auth.Query;

/// <summary>Which denial of existence an answer needs (RFC 4035 §3.1.3, RFC 5155 §7.2).</summary>
public enum Denial { NameError, NoData, WildcardAnswer, WildcardNoData, NoDs }

/// <summary>Writes the NSEC or NSEC3 records (with their RRSIGs) that prove a denial, into the authority section.</summary>
internal static class DenialAnswers
{
    public static void Add(ref MessageWriter response, ServedZone served, Denial denial, ReadOnlySpan<byte> name)
    {
        var signed = served.Signed;
        if (signed is null) { return; }
        if (signed.Denial == DenialMode.Nsec)
        {
            var chain = signed.Nsec!;
            var proof = denial switch
            {
                Denial.NameError => NsecProofs.NameError(chain, name),
                Denial.WildcardAnswer => NsecProofs.WildcardAnswer(chain, name),
                Denial.WildcardNoData => NsecProofs.WildcardNoData(chain, name),
                _ => NsecProofs.NoData(chain, name),
            };
            for (int k = 0; k < proof.Count; k++)
            {
                if (proof[k] < 0) { continue; }
                // The chain indexes the unsigned zone's nodes; the signed zone has the same names in the same order.
                var node = served.Zone.Nodes[chain.Owners[proof[k]].Index];
                if (node.Find(RRType.NSEC) is { } nsec) { response.TryAdd(MessageSection.Authority, nsec); }
                if (node.FindSignatures(RRType.NSEC) is { } signatures) { response.TryAdd(MessageSection.Authority, signatures); }
            }
            return;
        }
        var nsec3 = signed.Nsec3!;
        var proof3 = denial switch
        {
            Denial.NameError => Nsec3Proofs.NameError(nsec3, name),
            Denial.WildcardAnswer => Nsec3Proofs.WildcardAnswer(nsec3, name),
            Denial.WildcardNoData => Nsec3Proofs.WildcardNoData(nsec3, name),
            Denial.NoDs => Nsec3Proofs.DsNoData(nsec3, name),
            _ => Nsec3Proofs.NoData(nsec3, name),
        };
        for (int k = 0; k < proof3.Count; k++)
        {
            int i = proof3[k];
            if (i < 0) { continue; }
            response.TryAdd(MessageSection.Authority, signed.Nsec3Sets[i]);
            response.TryAdd(MessageSection.Authority, signed.Nsec3Signatures[i]);
        }
    }
}
