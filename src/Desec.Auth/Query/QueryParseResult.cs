namespace Desec.Auth.Query;

/// <summary>What to do with a request after parsing it.</summary>
public enum QueryParseResult
{
    /// <summary>A well-formed query to answer.</summary>
    Ok,
    /// <summary>Send nothing: a response (QR=1), or too short to hold a header (RFC 1035 §4.1.1).</summary>
    Drop,
    /// <summary>Malformed: FORMERR, with the question echoed when it could be read.</summary>
    FormErr,
    /// <summary>An opcode other than QUERY.</summary>
    NotImp,
    /// <summary>A class other than IN.</summary>
    Refused,
    /// <summary>EDNS version above 0 (RFC 6891 §6.1.3).</summary>
    BadVers,
}
