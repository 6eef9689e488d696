using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Desec.Signer.Algorithms;

namespace Desec.Signer.Keys;

/// <summary>
/// BIND's <c>.private</c> file, format v1.3: <c>Field: value</c> lines. <c>Private-key-format</c>
/// and <c>Algorithm: 13 (ECDSAP256SHA256)</c> come first; then the key material in base64
/// (<c>PrivateKey</c> for ECDSA and EdDSA; <c>Modulus</c>, <c>PublicExponent</c>,
/// <c>PrivateExponent</c>, <c>Prime1</c>, <c>Prime2</c>, <c>Exponent1</c>, <c>Exponent2</c>,
/// <c>Coefficient</c> for RSA); then the timing fields <c>Created</c>, <c>Publish</c>,
/// <c>Activate</c>.
/// </summary>
public static class BindPrivateKeyFile
{
    private static readonly (string Field, Func<RSAParameters, byte[]?> Get)[] RsaFields =
    [
        ("Modulus", p => p.Modulus),
        ("PublicExponent", p => p.Exponent),
        ("PrivateExponent", p => p.D),
        ("Prime1", p => p.P),
        ("Prime2", p => p.Q),
        ("Exponent1", p => p.DP),
        ("Exponent2", p => p.DQ),
        ("Coefficient", p => p.InverseQ),
    ];

    public static string Format(DnssecKey key)
    {
        var sb = new StringBuilder();
        sb.Append("Private-key-format: v1.3\n");
        sb.Append("Algorithm: ").Append(key.Algorithm.Number.ToString(CultureInfo.InvariantCulture))
          .Append(" (").Append(key.Algorithm.Mnemonic).Append(")\n");
        switch (key.SigningKey)
        {
            case RsaSigningKey rsa:
                // BIND writes each integer without leading zeros (OpenSSL's BN_bn2bin).
                foreach (var (field, get) in RsaFields)
                {
                    AppendField(sb, field, RsaPublicKeyField.TrimLeadingZeros(get(rsa.Parameters)));
                }
                break;
            case EcdsaSigningKey ecdsa:
                AppendField(sb, "PrivateKey", ecdsa.PrivateScalar);
                break;
            case EdDsaSigningKey eddsa:
                AppendField(sb, "PrivateKey", eddsa.PrivateKey);
                break;
            default:
                throw new NotSupportedException($"cannot write {key.SigningKey.GetType().Name} to a BIND key file");
        }
        sb.Append("Created: ").Append(BindTimestamp.ToText(key.Times.Created)).Append('\n');
        if (key.Times.Publish is { } publish) { sb.Append("Publish: ").Append(BindTimestamp.ToText(publish)).Append('\n'); }
        if (key.Times.Activate is { } activate) { sb.Append("Activate: ").Append(BindTimestamp.ToText(activate)).Append('\n'); }
        return sb.ToString();
    }

    private static void AppendField(StringBuilder sb, string field, ReadOnlySpan<byte> value) =>
        sb.Append(field).Append(": ").Append(Convert.ToBase64String(value)).Append('\n');

    /// <summary>
    /// Reads a .private file into its signing key and times (absent times are null; Created
    /// defaults to <paramref name="fallbackCreated"/>). Fields this signer does not use are skipped.
    /// </summary>
    public static (SigningKey Key, KeyTimes Times) Parse(string text, string path, DateTimeOffset fallbackCreated)
    {
        var fields = ReadFields(text, path);
        if (!fields.TryGetValue("Private-key-format", out var format))
        {
            throw new KeyFileException(path, "has no 'Private-key-format:' line; it is not a BIND private key file");
        }
        if (!format.StartsWith("v1.", StringComparison.Ordinal))
        {
            throw new KeyFileException(path, $"private key format '{format}' is not v1.x");
        }
        if (fields.ContainsKey("Engine") || fields.ContainsKey("Label"))
        {
            throw new KeyFileException(path, "the key is held in a hardware module (Engine/Label); only keys in the file can be used");
        }
        var algorithm = ReadAlgorithm(fields, path);
        SigningKey key;
        try
        {
            key = algorithm.Number == DnssecAlgorithm.RsaSha256.Number
                ? RsaSigningKey.FromParameters(ReadRsaParameters(fields, path))
                : SigningKey.FromPrivateKey(algorithm, Base64(fields, "PrivateKey", path));
        }
        catch (Exception e) when (e is DnssecKeyException and not KeyFileException)
        {
            throw new KeyFileException(path, e.Message, e);
        }
        var times = new KeyTimes(
            Time(fields, "Created", path) ?? fallbackCreated,
            Time(fields, "Publish", path),
            Time(fields, "Activate", path));
        return (key, times);
    }

    private static Dictionary<string, string> ReadFields(string text, string path)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith(';')) { continue; }
            int colon = line.IndexOf(':');
            if (colon <= 0) { throw new KeyFileException(path, $"line {lineNumber}: expected 'Field: value'"); }
            string name = line[..colon].Trim();
            if (!fields.TryAdd(name, line[(colon + 1)..].Trim()))
            {
                throw new KeyFileException(path, $"line {lineNumber}: field '{name}' appears twice");
            }
        }
        return fields;
    }

    private static DnssecAlgorithm ReadAlgorithm(Dictionary<string, string> fields, string path)
    {
        if (!fields.TryGetValue("Algorithm", out var value)) { throw new KeyFileException(path, "has no 'Algorithm:' line"); }
        // "13 (ECDSAP256SHA256)": the number decides; the name in parentheses is a comment.
        string numberText = value.Split(' ', 2)[0];
        if (!byte.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out byte number))
        {
            throw new KeyFileException(path, $"algorithm '{value}' does not start with a number");
        }
        return DnssecAlgorithm.FromNumber(number)
            ?? throw new KeyFileException(path, VerifyingKey.Unsupported(number).Message);
    }

    private static RSAParameters ReadRsaParameters(Dictionary<string, string> fields, string path)
    {
        var values = RsaFields.Select(f => Base64(fields, f.Field, path)).ToArray();
        return new RSAParameters
        {
            Modulus = values[0], Exponent = values[1], D = values[2], P = values[3],
            Q = values[4], DP = values[5], DQ = values[6], InverseQ = values[7],
        };
    }

    private static byte[] Base64(Dictionary<string, string> fields, string field, string path)
    {
        if (!fields.TryGetValue(field, out var value)) { throw new KeyFileException(path, $"has no '{field}:' line"); }
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new KeyFileException(path, $"'{field}' is not valid base64");
        }
    }

    private static DateTimeOffset? Time(Dictionary<string, string> fields, string field, string path)
    {
        if (!fields.TryGetValue(field, out var value)) { return null; }
        if (!BindTimestamp.TryParse(value, out var time))
        {
            throw new KeyFileException(path, $"'{field}: {value}' is not a time of the form YYYYMMDDHHMMSS");
        }
        return time;
    }
}
