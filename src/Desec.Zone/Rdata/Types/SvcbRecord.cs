using Desec.Zone.Rdata.Svcb;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>SVCB: general-purpose service binding (RFC 9460 §2).</summary>
public sealed class SvcbRecord : SvcbCodec
{
    public override ushort Type => RRType.SVCB;
}
