namespace Desec.Auth.Tsig;

/// <summary>What checking a request's TSIG found (RFC 8945 §5.2).</summary>
public enum TsigResult
{
    /// <summary>The message carries no TSIG record.</summary>
    NoTsig,
    /// <summary>The MAC is right, the key known, the time within the fudge.</summary>
    Ok,
    /// <summary>A malformed TSIG record, one not last in the message (§5.1), or a MAC length no one may send (§5.2.2.1).</summary>
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

/// <summary>The TSIG RR's Error field values (RFC 8945 §3, the IANA DNS RCODE registry).</summary>
public static class TsigError
{
    public const ushort NoError = 0, BadSig = 16, BadKey = 17, BadTime = 18, BadTrunc = 22;

    public static ushort Of(TsigResult result) => result switch
    {
        TsigResult.BadSig => BadSig,
        TsigResult.BadKey => BadKey,
        TsigResult.BadTime => BadTime,
        TsigResult.BadTrunc => BadTrunc,
        _ => NoError,
    };
}
