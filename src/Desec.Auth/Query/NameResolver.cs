using Desec.Auth.Zones;
using Desec.Signer.Signing;
using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Auth.Query;

/// <summary>
/// Looks one name up in one zone, once, and says what the answer is made of (RFC 1034 §4.3.2
/// step 3): a zone cut or DNAME above the name first (3b, RFC 6672 §3.2), then the name itself
/// (3a), then the wildcard at its closest encloser (3c, RFC 4592 §3.3.1), else the name does not
/// exist. Writes nothing; the stages write from the <see cref="QueryStep"/>.
/// </summary>
internal static class NameResolver
{
    /// <summary>Fills <paramref name="step"/>'s lookup fields; false when the name is not in the zone.</summary>
    public static bool Resolve(ServedZone served, ReadOnlySpan<byte> name, ushort qtype, bool dnssecOk, ref QueryStep step)
    {
        var zone = served.Zone;
        step.Zone = served;
        step.Dnssec = dnssecOk && served.Signed is not null;
        // The NSEC that covers a missing name is owned by the node before it (RFC 4035 §3.1.3.2).
        bool withPrevious = step.Dnssec && served.Signed!.Denial == DenialMode.Nsec;
        if (!zone.TryFindEncloser(name, withPrevious, out var encloser, out var previous)) { return false; }
        step.Encloser = encloser;
        step.Previous = previous;
        bool exact = encloser.Name.Length == name.Length;

        // Step 3b: a cut above the name, or at it (except for DS, which the parent side answers,
        // RFC 4035 §3.1.4.1); a DNAME above it (not at it: the owner keeps its own data, RFC 6672 §2.3).
        var cut = encloser.Is(NodeFlags.Occluded) ? encloser.OccludedBy : null;
        if (cut is null && encloser.Is(NodeFlags.Delegation) && !(exact && qtype == RRType.DS)) { cut = encloser; }
        if (cut is null && encloser.Is(NodeFlags.HasDname) && !exact) { cut = encloser; }
        if (cut is not null)
        {
            step.Node = cut;
            if (cut.Is(NodeFlags.Delegation))
            {
                step.Outcome = StepOutcome.Referral;
            }
            else
            {
                step.Outcome = StepOutcome.Dname;
                step.Set = cut.Find(RRType.DNAME);
            }
            return true;
        }

        // Step 3a: the name exists.
        if (exact)
        {
            Match(encloser, qtype, ref step);
            return true;
        }

        // Step 3c: the source of synthesis is the wildcard child of the closest encloser (RFC 4592 §3.3.1).
        if (zone.FindWildcardChild(encloser) is { } wildcard && !wildcard.Is(NodeFlags.Occluded))
        {
            step.FromWildcard = true;
            Match(wildcard, qtype, ref step);
            return true;
        }
        step.Outcome = StepOutcome.NXDomain;
        return true;
    }

    /// <summary>What a node that matched the name holds for the query type.</summary>
    private static void Match(ZoneNode node, ushort qtype, ref QueryStep step)
    {
        step.Node = node;
        if (qtype is RRType.ANY or RRType.RRSIG)
        {
            // Several RRsets answer (every type, or every RRSIG by covered type): the answer stage picks them.
            bool any = qtype == RRType.ANY ? !node.IsEmpty : node.Find(RRType.RRSIG) is not null;
            if (any) { step.Outcome = StepOutcome.Answer; return; }
        }
        else if (node.Find(qtype) is { } set)
        {
            step.Outcome = StepOutcome.Answer;
            step.Set = set;
            return;
        }
        // A CNAME answers for every other type (RFC 1034 §3.6.2); a CNAME query matched it above.
        if (node.Is(NodeFlags.HasCname) && node.Find(RRType.CNAME) is { } cname)
        {
            step.Outcome = StepOutcome.Cname;
            step.Set = cname;
            return;
        }
        step.Outcome = StepOutcome.NoData;
    }
}
