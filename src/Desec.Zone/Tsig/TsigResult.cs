using Desec.Zone.Messages;

namespace Desec.Zone.Tsig;

/// <summary>What checking a request's TSIG found (RFC 8945 §5.2).</summary>
public enum TsigResult
{
    /// <summary>The message carries no TSIG record.</summary>
    NoTsig,
    /// <summary>The MAC is right, the key known, the time within the fudge.</summary>
    Ok,
    /// <summary>A MAC length no one may send (§5.2.2.1); a malformed or misplaced record already fails the message read.</summary>
    FormErr,
    /// <summary>The key or its algorithm is not known here (§5.2.1).</summary>
    BadKey,
    /// <summary>The MAC does not verify (§5.2.2).</summary>
    BadSig,
    /// <summary>The MAC is right but the time signed is outside the fudge (§5.2.3).</summary>
    BadTime,
    /// <summary>The MAC is right but truncated more than local policy allows (§5.2.2.1).</summary>
    BadTrunc,
}

public static class TsigResultExtensions
{
    /// <summary>The TSIG record's Error field for this result (RFC 8945 §4.2).</summary>
    public static TsigError ToError(this TsigResult result) => result switch
    {
        TsigResult.BadSig => TsigError.BadSig,
        TsigResult.BadKey => TsigError.BadKey,
        TsigResult.BadTime => TsigError.BadTime,
        TsigResult.BadTrunc => TsigError.BadTrunc,
        _ => TsigError.NoError,
    };
}
