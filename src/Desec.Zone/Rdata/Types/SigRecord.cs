using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// SIG (RFC 2535 §4.1, RFC 2931 for SIG(0)): the layout RRSIG took over (RFC 4034 §3). The
/// signer's name is read compressed (RFC 3597 §4) and lower-cased in canonical form (RFC 4034
/// §6.2); BIND reads the two times only as YYYYMMDDHHmmSS.
/// </summary>
public sealed class SigRecord : FieldRdataCodec
{
    public override ushort Type => RRType.SIG;
    protected override RdataField[] Fields { get; } = RrsigRecord.Layout(secondsAllowed: false, signerCompressible: true);
}
