using System.Text;

namespace Desec.Zone.Rdata.Svcb;

/// <summary>
/// A key whose value must be empty: no-default-alpn (RFC 9460 §7.1.1) and ohttp (RFC 9540 §4).
/// Written as the bare key, or with an empty value (<c>key=""</c>).
/// </summary>
internal sealed class EmptyParam(ushort key, string name, bool printsName) : SvcParam(key, name)
{
    public override bool PrintsName => printsName;

    public override string? ParseText(ReadOnlySpan<byte> text, RdataBuilder output) => Validate(text);

    public override string? Validate(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? null : $"{Name} takes no value";

    public override void FormatValue(ReadOnlySpan<byte> value, StringBuilder output) { }
}
