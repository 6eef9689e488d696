using Desec.Zone.Messages;
using Desec.Zone.Records;

namespace Desec.Auth.Query;

/// <summary>
/// The authority section, from how the last name of the chain resolved: the SOA of a negative
/// answer (RFC 2308 §3) with, under DNSSEC, the proof that the name or the type does not exist
/// (RFC 4035 §3.1.3, RFC 5155 §7.2); the NS of a referral (RFC 1034 §4.3.2 step 3b) with the DS
/// or the proof that there is none (RFC 4035 §3.1.4); then, for every name of the chain that a
/// wildcard answered, the proof that the name itself does not exist (RFC 4035 §3.1.3.3). Writes
/// the authority section only.
/// </summary>
internal static class AuthorityStage
{
    public static void Write(ref MessageWriter response, ref QueryContext context)
    {
        ref var last = ref context.Last;
        switch (last.Outcome)
        {
            case StepOutcome.NoData:
                AddNegativeSoa(ref response, in last);
                if (last.Dnssec) { DenialProofs.NoData(ref response, ref context, in last); }
                break;
            case StepOutcome.NXDomain:
                AddNegativeSoa(ref response, in last);
                if (last.Dnssec) { DenialProofs.NameError(ref response, ref context, in last); }
                break;
            case StepOutcome.Referral:
                AddReferral(ref response, ref context, in last);
                break;
        }
        for (int i = 0; i < context.Count; i++)
        {
            ref var step = ref context[i];
            // A wildcard no-data answer (only ever the last step) has its proof above already.
            if (step.FromWildcard && step.Dnssec && step.Outcome != StepOutcome.NoData)
            {
                DenialProofs.WildcardAnswer(ref response, ref context, in step);
            }
        }
    }

    /// <summary>RFC 2308 §3: the zone's SOA, with the TTL of negative answers (§5, <see cref="Zone.Zones.Zone.NegativeTtl"/>).</summary>
    private static void AddNegativeSoa(ref MessageWriter response, in QueryStep step)
    {
        var zone = step.Zone.Zone;
        SignedRRsets.Add(ref response, MessageSection.Authority, zone.Apex, zone.Origin.Wire, zone.Soa, step.Dnssec, zone.NegativeTtl);
    }

    /// <summary>
    /// The NS RRset of the cut (not signed: the parent is not authoritative for it, RFC 4035 §2.2)
    /// and, under DNSSEC, the signed DS of a secure delegation or the proof that the child has none
    /// (RFC 4035 §3.1.4, RFC 5155 §7.2.7).
    /// </summary>
    private static void AddReferral(ref MessageWriter response, ref QueryContext context, in QueryStep step)
    {
        var cut = step.Node!;
        if (cut.Find(RRType.NS) is { } ns) { response.TryAdd(MessageSection.Authority, ns); }
        if (!step.Dnssec) { return; }
        if (cut.Find(RRType.DS) is { } ds) { SignedRRsets.Add(ref response, MessageSection.Authority, cut, ds.Owner.Wire, ds, dnssec: true); }
        else { DenialProofs.NoDs(ref response, ref context, in step); }
    }
}
