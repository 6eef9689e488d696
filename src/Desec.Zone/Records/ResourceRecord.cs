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
    // The whole location when _line is 0; otherwise the source, to which the line is appended when asked for.
    private readonly string? _source;
    private readonly int _line;

    /// <summary>Where the record came from; null when unknown.</summary>
    public string? Location
    {
        get => _line == 0 ? _source : string.Create(CultureInfo.InvariantCulture, $"{_source}:{_line}");
        init => (_source, _line) = (value, 0);
    }

    /// <summary>
    /// A record whose <see cref="Location"/> is <c>source:line</c>, built only when asked for: the
    /// records of a zone file share one source string, and the text is needed only for the rare
    /// error or warning (a string per record would cost more memory than the record itself).
    /// </summary>
    internal ResourceRecord(DnsName owner, ushort type, uint ttl, byte[] rdata, string source, int line)
        : this(owner, type, ttl, rdata)
    {
        _source = source;
        _line = line;
    }

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
