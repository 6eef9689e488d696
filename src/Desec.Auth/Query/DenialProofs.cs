using Desec.Auth.Zones;
using Desec.Signer.Denial;
using Desec.Signer.Signing;
using Desec.Zone.Messages;
using Desec.Zone.Records;

namespace Desec.Auth.Query;

/// <summary>
/// The NSEC or NSEC3 records, with their RRSIGs, that prove a denial (RFC 4035 §3.1.3, RFC 5155
/// §7.2), built from what resolving the name found: the closest encloser, the wildcard that
/// matched, the node before a missing name. The proof code gets these nodes and looks no name up
/// again; only an NSEC3 next closer name is hashed. A record already in the authority section
/// is not written twice.
/// </summary>
internal static class DenialProofs
{
    /// <summary>Name error (RFC 4035 §3.1.3.2, RFC 5155 §7.2.2): the name and the wildcard at its closest encloser do not exist.</summary>
    public static void NameError(ref MessageWriter response, ref QueryContext context, in QueryStep step)
    {
        var signed = step.Zone.Signed!;
        var proof = signed.Denial == DenialMode.Nsec
            ? NsecProofs.NameError(signed.Nsec!, step.Previous!, step.Zone.Zone.FindWildcardPredecessor(step.Encloser))
            : Nsec3Proofs.NameError(signed.Nsec3!, context.NameOf(step), step.Encloser);
        Write(ref response, ref context, step.Zone, proof);
    }

    /// <summary>
    /// No data (RFC 4035 §3.1.3.1, RFC 5155 §7.2.3 and §7.2.4 for DS); from a wildcard, also that
    /// the name itself does not exist (RFC 4035 §3.1.3.4, RFC 5155 §7.2.5).
    /// </summary>
    public static void NoData(ref MessageWriter response, ref QueryContext context, in QueryStep step)
    {
        var signed = step.Zone.Signed!;
        DenialProof proof;
        if (signed.Denial == DenialMode.Nsec)
        {
            proof = step.FromWildcard
                ? NsecProofs.WildcardNoData(signed.Nsec!, step.Previous!, step.Node!)
                : NsecProofs.NoData(signed.Nsec!, step.Node!);
        }
        else
        {
            proof = step.FromWildcard
                ? Nsec3Proofs.NameError(signed.Nsec3!, context.NameOf(step), step.Encloser)
                : Nsec3Proofs.NoData(signed.Nsec3!, context.NameOf(step), step.Node!);
        }
        Write(ref response, ref context, step.Zone, proof);
    }

    /// <summary>A referral to a child without DS: the cut's own record shows NS without DS (RFC 4035 §3.1.4.1, RFC 5155 §7.2.7).</summary>
    public static void NoDs(ref MessageWriter response, ref QueryContext context, in QueryStep step)
    {
        var signed = step.Zone.Signed!;
        var cut = step.Node!;
        var proof = signed.Denial == DenialMode.Nsec
            ? NsecProofs.NoData(signed.Nsec!, cut)
            : Nsec3Proofs.NoData(signed.Nsec3!, cut.Name.Wire, cut);
        Write(ref response, ref context, step.Zone, proof);
    }

    /// <summary>
    /// A wildcard answered (RFC 4035 §3.1.3.3, RFC 5155 §7.2.6): no closer match exists, shown by
    /// the record covering the name (NSEC) or the next closer name (NSEC3).
    /// </summary>
    public static void WildcardAnswer(ref MessageWriter response, ref QueryContext context, in QueryStep step)
    {
        var signed = step.Zone.Signed!;
        var proof = signed.Denial == DenialMode.Nsec
            ? NsecProofs.WildcardAnswer(signed.Nsec!, step.Previous!)
            : Nsec3Proofs.WildcardAnswer(signed.Nsec3!, context.NameOf(step), step.Encloser);
        Write(ref response, ref context, step.Zone, proof);
    }

    private static void Write(ref MessageWriter response, ref QueryContext context, ServedZone served, DenialProof proof)
    {
        var signed = served.Signed!;
        for (int k = 0; k < proof.Count; k++)
        {
            int index = proof[k];
            RRset? set, signatures;
            if (signed.Denial == DenialMode.Nsec)
            {
                // The chain indexes the unsigned zone's nodes; the signed zone has the same names in the same order.
                var node = served.Zone.NodeAt(signed.Nsec!.Owners[index].Index);
                set = node.Find(RRType.NSEC);
                signatures = node.FindSignatures(RRType.NSEC);
            }
            else
            {
                set = signed.Nsec3Sets[index];
                signatures = signed.Nsec3Signatures[index];
            }
            if (set is null || !context.TryNoteProofSet(set)) { continue; }
            response.TryAdd(MessageSection.Authority, set);
            if (signatures is not null) { response.TryAdd(MessageSection.Authority, signatures); }
        }
    }
}
