using System.Buffers.Binary;
using System.Globalization;

namespace Desec.Signer.Denial;

/// <summary>
/// The parameters of an NSEC3 chain (RFC 5155 §3.1, §4.1). The default is RFC 9276 §3.1's advice:
/// SHA-1, no Opt-Out, 0 additional iterations, an empty salt (<c>1 0 0 -</c>).
/// </summary>
public sealed class Nsec3Parameters
{
    /// <summary>RFC 5155 §11: hash algorithm 1 is SHA-1, the only one assigned.</summary>
    public const byte Sha1 = 1;

    /// <summary>RFC 5155 §3.1.5: the salt length is one octet.</summary>
    public const int MaxSaltLength = 255;

    /// <summary>
    /// The most additional iterations this signer accepts. RFC 9276 §3.1 asks for 0; §3.2 lets
    /// validators treat higher counts as insecure (or SERVFAIL), and every NXDOMAIN and NODATA
    /// answer with DO costs this server 1 + iterations hashes per name, on the threads that answer.
    /// </summary>
    public const int MaxIterations = 100;

    public static Nsec3Parameters Default { get; } = new();

    public Nsec3Parameters(ushort iterations = 0, byte[]? salt = null, bool optOut = false, byte hashAlgorithm = Sha1)
    {
        salt ??= [];
        if (Problem(hashAlgorithm, iterations, salt.Length) is { } problem) { throw new ArgumentException(problem); }
        HashAlgorithm = hashAlgorithm;
        Iterations = iterations;
        Salt = salt;
        OptOut = optOut;
    }

    /// <summary>Why these values cannot make a chain here, or null when they can.</summary>
    private static string? Problem(int hashAlgorithm, int iterations, int saltLength) =>
        hashAlgorithm != Sha1 ? $"NSEC3 hash algorithm {hashAlgorithm} is not supported (RFC 5155 §11: only 1, SHA-1)"
        : iterations > MaxIterations ? $"{iterations} NSEC3 iterations are more than the {MaxIterations} this server allows (RFC 9276 §3.1: use 0)"
        : saltLength > MaxSaltLength ? $"an NSEC3 salt is at most {MaxSaltLength} octets (RFC 5155 §3.1.5), this one has {saltLength}"
        : null;

    /// <summary>
    /// RFC 9276 §3.1's advice when these parameters do not follow it (additional iterations, a
    /// salt), for a warning; null for <c>1 x 0 -</c>.
    /// </summary>
    public string? Advice => Iterations > 0 || Salt.Length > 0
        ? $"NSEC3 parameters '{this}': RFC 9276 §3.1 asks for 0 additional iterations and no salt ('1 {Nsec3Flags} 0 -'); "
          + "other values cost every NXDOMAIN answer more hashing here and at resolvers, and some resolvers treat such zones as insecure"
        : null;

    public byte HashAlgorithm { get; }
    public ushort Iterations { get; }
    public byte[] Salt { get; }

    /// <summary>RFC 5155 §6: unsigned delegations are left out of the chain.</summary>
    public bool OptOut { get; }

    /// <summary>
    /// The flags of every NSEC3 of the chain: RFC 5155 §3.1.2.1 makes the least significant bit (value 1)
    /// Opt-Out, and §7.1 says "If Opt-Out is being used, set the Opt-Out bit to one."
    /// </summary>
    public byte Nsec3Flags => OptOut ? (byte)1 : (byte)0;

    /// <summary>
    /// Parses <c>ALG FLAGS ITERATIONS SALT</c> as in NSEC3PARAM presentation (salt in hex or <c>-</c>);
    /// flags 1 means Opt-Out here (the NSEC3PARAM record itself always carries 0, RFC 5155 §4.1.2).
    /// Outside input (config, database): anything this signer cannot use is a <see cref="FormatException"/> saying why.
    /// </summary>
    public static Nsec3Parameters Parse(string text)
    {
        var words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length != 4
            || !byte.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out byte algorithm)
            || !byte.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out byte flags) || flags > 1
            || !ushort.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out ushort iterations))
        {
            throw new FormatException($"expected 'ALGORITHM FLAGS ITERATIONS SALT' (as '1 0 0 -'), got '{Shorten(text)}'");
        }
        // Checked before the salt is decoded, so that a huge salt is not decoded only to be refused.
        if (Problem(algorithm, iterations, words[3] == "-" ? 0 : words[3].Length / 2) is { } problem) { throw new FormatException(problem); }
        byte[] salt;
        try { salt = words[3] == "-" ? [] : Convert.FromHexString(words[3]); }
        catch (FormatException) { throw new FormatException($"the NSEC3 salt '{Shorten(words[3])}' is neither hex nor '-'"); }
        return new Nsec3Parameters(iterations, salt, flags == 1, algorithm);
    }

    /// <summary>Outside text quoted in a message, cut so that a huge value does not make a huge message.</summary>
    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";

    /// <summary>The RDATA shared by NSEC3 and NSEC3PARAM: algorithm, flags, iterations, salt length, salt (RFC 5155 §3.2, §4.2).</summary>
    internal int WriteHeader(Span<byte> destination, byte flags)
    {
        destination[0] = HashAlgorithm;
        destination[1] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Iterations);
        destination[4] = (byte)Salt.Length;
        Salt.CopyTo(destination[5..]);
        return 5 + Salt.Length;
    }

    /// <summary>NSEC3PARAM RDATA: the Opt-Out flag is not used there and is zero (RFC 5155 §4.1.2).</summary>
    public byte[] ParamRdata()
    {
        var rdata = new byte[5 + Salt.Length];
        WriteHeader(rdata, 0);
        return rdata;
    }

    public override string ToString() =>
        $"{HashAlgorithm} {Nsec3Flags} {Iterations} {(Salt.Length == 0 ? "-" : Convert.ToHexStringLower(Salt))}";
}
