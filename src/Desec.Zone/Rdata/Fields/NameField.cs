using System.Text;
using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// A domain name. <paramref name="compressible"/>: the type may carry it compressed in messages
/// (RFC 3597 §4 lists those); <paramref name="lowerCase"/>: canonical form lower-cases it
/// (RFC 4034 §6.2, RFC 6840 §5.1).
/// </summary>
public sealed class NameField(string name, bool compressible, bool lowerCase) : RdataField(name)
{
    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        var token = tokens.Next(Name);
        if (token.Quoted) { throw tokens.Error(token, $"bad {Name}: a name cannot be quoted"); }
        if (!DnsName.TryParse(token.Text, tokens.Origin, out var value, out var error))
        {
            throw tokens.Error(token, $"bad {Name} '{token.Text}': {error}");
        }
        output.WriteName(value, lowerCase);
    }

    public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
    {
        Span<byte> buffer = stackalloc byte[DnsName.MaxLength];
        int n = reader.ReadName(buffer, compressible);
        CheckEnd(ref reader, end, Name);
        output.WriteName(buffer[..n], lowerCase);
    }

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        int n = DnsName.WireLength(rdata[position..]);
        DnsName.AppendTo(output, rdata.Slice(position, n));
        position += n;
    }
}
