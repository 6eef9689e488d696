using System.Globalization;
using System.Text;
using Desec.Zone.Names;
using Desec.Zone.Rdata;

namespace Desec.Zone.Records;

/// <summary>
/// One record of class IN: owner, type, TTL and canonical RDATA. <see cref="Location"/> says
/// where it came from (file:line, or a database row) so that validation errors can point at it.
/// </summary>
public sealed record ResourceRecord(DnsName Owner, ushort Type, uint Ttl, byte[] Rdata)
{
    public string? Location { get; init; }

    public bool Equals(ResourceRecord? other) =>
        other is not null && Owner == other.Owner && Type == other.Type && Ttl == other.Ttl
        && Rdata.AsSpan().SequenceEqual(other.Rdata);

    public override int GetHashCode() => HashCode.Combine(Owner, Type, Ttl, Rdata.Length);

    /// <summary>One line in canonical presentation: lower-case absolute owner, TTL, IN, type, RDATA.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendTo(sb);
        return sb.ToString();
    }

    public void AppendTo(StringBuilder sb)
    {
        DnsName.AppendTo(sb, Owner.ToLower().Wire);
        sb.Append('\t').Append(Ttl.ToString(CultureInfo.InvariantCulture))
          .Append("\tIN\t").Append(RRType.ToText(Type)).Append('\t');
        RdataCodecs.Format(Type, Rdata, sb);
    }
}
