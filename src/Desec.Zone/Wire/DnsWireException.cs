namespace Desec.Zone.Wire;

/// <summary>
/// The one exception the wire reader throws: the message is malformed at <see cref="Offset"/>.
/// A query that raises it is answered FORMERR (RFC 1035 §4.1.1) or dropped.
/// </summary>
public sealed class DnsWireException(int offset, string reason)
    : Exception($"malformed DNS data at offset {offset}: {reason}")
{
    public int Offset { get; } = offset;
    public string Reason { get; } = reason;
}
