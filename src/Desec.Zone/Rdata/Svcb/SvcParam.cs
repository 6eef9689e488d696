using System.Text;
using Desec.Zone.Text;

namespace Desec.Zone.Rdata.Svcb;

/// <summary>
/// How one SvcParamKey's value is written in text and checked on the wire (RFC 9460 §2.1, §7, §8).
/// One subclass per value format. Text values arrive already unescaped as a char-string
/// (RFC 9460 Appendix A), so a subclass only sees the octets between the quotes.
/// </summary>
internal abstract class SvcParam(ushort key, string name)
{
    public ushort Key { get; } = key;

    /// <summary>The registered mnemonic (IANA "DNS SVCB Service Parameter Keys").</summary>
    public string Name { get; } = name;

    /// <summary>
    /// Whether <see cref="Name"/> is printed. Keys registered after RFC 9460 are printed as
    /// <c>keyNNNNN</c> with their octets as a char-string, which is what BIND 9.18's
    /// named-compilezone prints; both forms parse.
    /// </summary>
    public virtual bool PrintsName => true;

    /// <summary>Converts the unescaped text value to wire octets; returns an error or null.</summary>
    public abstract string? ParseText(ReadOnlySpan<byte> text, RdataBuilder output);

    /// <summary>Checks the wire value's format; returns an error or null.</summary>
    public abstract string? Validate(ReadOnlySpan<byte> value);

    /// <summary>Appends <c>=value</c> (or nothing, for an empty value where that is allowed) for a valid wire value.</summary>
    public abstract void FormatValue(ReadOnlySpan<byte> value, StringBuilder output);

    /// <summary>The generic form: <c>keyNNNNN="octets"</c>, or just <c>keyNNNNN</c> when empty (RFC 9460 §2.1).</summary>
    public static void FormatOpaque(ReadOnlySpan<byte> value, StringBuilder output)
    {
        if (value.IsEmpty) { return; }
        output.Append('=');
        PresentationText.AppendCharacterString(output, value);
    }

    protected static string Ascii(ReadOnlySpan<byte> text) => Encoding.Latin1.GetString(text);
}
