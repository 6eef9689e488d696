using Desec.Zone.Messages;
using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Auth.Query;

/// <summary>
/// The answer section (RFC 1034 §4.3.2 step 3a): for each name of the chain, the CNAME that leads
/// on, or the DNAME and the CNAME synthesized from it (RFC 6672 §3.3), and for the last name the
/// RRsets of the query type; with DNSSEC, each RRset followed by its RRSIGs (RFC 4035 §3.1.1). An
/// answer from a wildcard carries the query name as owner (RFC 4592 §3.3.1). Writes the answer
/// section only.
/// </summary>
internal static class AnswerStage
{
    public static void Write(ref MessageWriter response, ref QueryContext context)
    {
        for (int i = 0; i < context.Count; i++)
        {
            ref var step = ref context[i];
            var owner = context.NameOf(step);
            switch (step.Outcome)
            {
                case StepOutcome.Answer:
                    WriteData(ref response, ref context, in step, owner);
                    break;
                case StepOutcome.Cname:
                    SignedRRsets.Add(ref response, MessageSection.Answer, step.Node!, owner, step.Set!, step.Dnssec);
                    break;
                case StepOutcome.Dname:
                case StepOutcome.DnameTooLong:
                    // RFC 6672 §5.3.1: the DNAME is signed; the CNAME synthesized from it is not, and has its TTL (§3.3).
                    var dname = step.Set!;
                    SignedRRsets.Add(ref response, MessageSection.Answer, step.Node!, dname.Owner.Wire, dname, step.Dnssec);
                    if (step.Outcome == StepOutcome.Dname)
                    {
                        response.TryAddRecord(MessageSection.Answer, owner, RRType.CNAME, RRClass.IN, dname.Ttl, context.TargetOf(step));
                    }
                    break;
            }
        }
    }

    /// <summary>The data of the query type at the last name: one RRset, every RRSIG (by type), or ANY.</summary>
    private static void WriteData(ref MessageWriter response, ref QueryContext context, in QueryStep step, scoped ReadOnlySpan<byte> owner)
    {
        var node = step.Node!;
        if (step.Set is { } set)
        {
            SignedRRsets.Add(ref response, MessageSection.Answer, node, owner, set, step.Dnssec);
            context.Answered |= Answered(set.Type);
            return;
        }
        var sets = node.RRsets;
        if (context.QType == RRType.RRSIG)
        {
            // Asked for by type: every RRSIG RRset of the name, one per covered type, DO or not.
            for (int i = 0; i < sets.Count; i++)
            {
                if (sets[i].Type == RRType.RRSIG) { response.TryAdd(MessageSection.Answer, owner, sets[i], sets[i].Ttl); }
            }
            return;
        }
        // ANY (RFC 8482 §4.1): over UDP one RRset is enough, the first by type; over TCP, where
        // size is no amplification risk, every RRset of the name. Denial records are not data.
        for (int i = 0; i < sets.Count; i++)
        {
            var each = sets[i];
            if (each.Type is RRType.RRSIG or RRType.NSEC or RRType.NSEC3) { continue; }
            SignedRRsets.Add(ref response, MessageSection.Answer, node, owner, each, step.Dnssec);
            context.Answered |= Answered(each.Type);
            if (!context.Tcp) { return; }
        }
    }

    private static AnsweredTypes Answered(ushort type) => type switch
    {
        RRType.NS => AnsweredTypes.NS,
        RRType.MX => AnsweredTypes.MX,
        RRType.SRV => AnsweredTypes.SRV,
        _ => AnsweredTypes.None,
    };
}
