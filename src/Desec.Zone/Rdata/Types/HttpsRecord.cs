using Desec.Zone.Rdata.Svcb;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>HTTPS: the SVCB-compatible type for HTTP origins (RFC 9460 §9); same RDATA as SVCB.</summary>
public sealed class HttpsRecord : SvcbCodec
{
    public override ushort Type => RRType.HTTPS;
}
