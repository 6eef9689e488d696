using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;

namespace Desec.Zone.Rdata.Types;

/// <summary>NIMLOC: a Nimrod locator, opaque octets in hex (draft-ietf-nimrod-dns, as BIND reads it).</summary>
public sealed class NimlocRecord : FieldRdataCodec
{
    public override ushort Type => RRType.NIMLOC;
    protected override RdataField[] Fields { get; } =
    [
        new BinaryRestField("locator", BinaryEncoding.Hex),
    ];
}
