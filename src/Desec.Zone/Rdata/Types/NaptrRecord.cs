using System.Text;
using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// NAPTR: order, preference, flags, services, regexp and replacement (RFC 3403 §4.1). The
/// replacement is lower-cased in canonical form (RFC 4034 §6.2). RFC 3597 §4 says receivers SHOULD
/// decompress it, so <c>compressible</c> is set: it governs reading only; it is never sent compressed.
/// The regexp must be empty or a substitution expression (RFC 3402 §3.2), as BIND also demands.
/// </summary>
public sealed class NaptrRecord : FieldRdataCodec
{
    public override ushort Type => RRType.NAPTR;

    protected override RdataField[] Fields { get; } =
    [
        new UIntField("order", 2),
        new UIntField("preference", 2),
        new CharacterStringField("flags"),
        new CharacterStringField("services"),
        new RegexpField(),
        new NameField("replacement", compressible: true, lowerCase: true),
    ];

    /// <summary>A character-string that must hold an empty string or a valid substitution expression.</summary>
    private sealed class RegexpField() : RdataField("regexp")
    {
        private readonly CharacterStringField _text = new("regexp");

        public override void Parse(RdataTokens tokens, RdataBuilder output)
        {
            int start = output.Length;
            var token = tokens.AtEnd ? default : tokens.Peek();
            _text.Parse(tokens, output);
            if (ValidationError(output.Written[(start + 1)..]) is { } error) { throw tokens.Error(token, $"bad regexp: {error}"); }
        }

        public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
        {
            int start = output.Length, position = reader.Position;
            _text.Read(ref reader, end, output);
            if (ValidationError(output.Written[(start + 1)..]) is { } error) { throw new DnsWireException(position, $"bad regexp: {error}"); }
        }

        public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output) =>
            _text.Format(rdata, ref position, output);

        /// <summary>
        /// RFC 3402 §3.2: <c>delim-char ere delim-char repl delim-char *flags</c>, where the delimiter is
        /// not a digit, a backslash or the flag <c>i</c>, a backslash escapes the next octet, and the
        /// only flag is <c>i</c>. Null when valid.
        /// </summary>
        internal static string? ValidationError(ReadOnlySpan<byte> regexp)
        {
            if (regexp.IsEmpty) { return null; }
            byte delimiter = regexp[0];
            if (delimiter is (byte)'\\' or (byte)'i' or >= (byte)'0' and <= (byte)'9' or 0)
            {
                return $"'{(char)delimiter}' cannot be the delimiter";
            }
            if (regexp.Length > 1 && regexp[1] == delimiter) { return "the regular expression is empty"; }
            int delimiters = 1, i = 1;
            for (; i < regexp.Length && delimiters < 3; i++)
            {
                if (regexp[i] == '\\')
                {
                    if (++i == regexp.Length) { return "ends with a backslash"; }
                }
                else if (regexp[i] == delimiter) { delimiters++; }
            }
            if (delimiters < 3) { return "expected delimiter, regular expression, delimiter, replacement, delimiter"; }
            foreach (byte flag in regexp[i..])
            {
                if (flag != 'i') { return $"unknown flag '{(char)flag}' (only i is defined)"; }
            }
            return null;
        }
    }
}
