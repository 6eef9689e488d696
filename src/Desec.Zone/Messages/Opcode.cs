namespace Desec.Zone.Messages;

/// <summary>The kind of a message, four bits of the header (RFC 1035 §4.1.1, RFC 6895 §2.2).</summary>
public enum Opcode : byte
{
    Query = 0,
    /// <summary>Inverse query: obsolete (RFC 3425).</summary>
    IQuery = 1,
    Status = 2,
    /// <summary>RFC 1996.</summary>
    Notify = 4,
    /// <summary>RFC 2136.</summary>
    Update = 5,
    /// <summary>DNS Stateful Operations (RFC 8490).</summary>
    Dso = 6,
}
