using System.Net.Sockets;
using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>L32: preference and a 32-bit ILNP locator written as an IPv4 address (RFC 6742 §2.2).</summary>
public sealed class L32Record : FieldRdataCodec
{
    public override ushort Type => RRType.L32;
    protected override RdataField[] Fields { get; } =
    [
        new UIntField("preference", 2),
        new AddressField("locator32", AddressFamily.InterNetwork),
    ];
}
