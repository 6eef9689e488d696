using System.Text;
using Desec.Zone.Text;

namespace Desec.Zone.Names;

/// <summary>
/// An absolute domain name held as uncompressed wire bytes (RFC 1035 §3.1), letter case as given.
/// Equality and hashing ignore ASCII case (RFC 4343); <see cref="CompareTo"/> is DNSSEC canonical
/// order (RFC 4034 §6.1). Immutable.
/// </summary>
public sealed class DnsName : IEquatable<DnsName>, IComparable<DnsName>
{
    /// <summary>RFC 1035 §2.3.4: a label holds at most 63 octets.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>RFC 1035 §2.3.4: a name holds at most 255 octets on the wire.</summary>
    public const int MaxLength = 255;

    public static readonly DnsName Root = new([0], 0);

    private readonly byte[] _wire;
    private int _hash;

    private DnsName(byte[] wire, int labelCount)
    {
        _wire = wire;
        LabelCount = labelCount;
    }

    /// <summary>Uncompressed wire form, ending with the root label.</summary>
    public ReadOnlySpan<byte> Wire => _wire;

    /// <summary>Wire length in octets, root label included.</summary>
    public int Length => _wire.Length;

    /// <summary>Number of labels, not counting the root (RRSIG's Labels field counts the same way).</summary>
    public int LabelCount { get; }

    public bool IsRoot => LabelCount == 0;

    /// <summary>True when the first label is the single octet <c>*</c> (RFC 4592 §2.1.1).</summary>
    public bool IsWildcard => _wire.Length > 2 && _wire[0] == 1 && _wire[1] == (byte)'*';

    /// <summary>Builds a name from wire bytes, checking RFC 1035 limits. No compression pointers.</summary>
    public static DnsName FromWire(ReadOnlySpan<byte> wire)
    {
        if (!TryValidateWire(wire, out int labels, out string? error))
        {
            throw new FormatException(error);
        }
        return new DnsName(wire.ToArray(), labels);
    }

    /// <summary>Wraps bytes already checked by <see cref="TryValidateWire"/>; the array is not copied.</summary>
    internal static DnsName FromValidatedWire(byte[] wire, int labelCount) => new(wire, labelCount);

    public static bool TryValidateWire(ReadOnlySpan<byte> wire, out int labelCount, out string? error)
    {
        labelCount = 0;
        int pos = 0;
        while (true)
        {
            if (pos >= wire.Length) { error = "name does not end with the root label"; return false; }
            int len = wire[pos];
            if (len == 0)
            {
                if (pos + 1 != wire.Length) { error = "bytes after the root label"; return false; }
                if (wire.Length > MaxLength) { error = $"name longer than {MaxLength} octets"; return false; }
                error = null;
                return true;
            }
            if (len > MaxLabelLength) { error = $"label longer than {MaxLabelLength} octets"; return false; }
            pos += 1 + len;
            labelCount++;
        }
    }

    /// <summary>Parses presentation format; relative names are completed with <paramref name="origin"/>.</summary>
    public static DnsName Parse(string text, DnsName? origin = null)
    {
        if (!TryParse(text, origin, out var name, out var error))
        {
            throw new FormatException($"bad name '{text}': {error}");
        }
        return name;
    }

    /// <summary>
    /// Parses a name in presentation format (RFC 1035 §5.1): <c>\.</c> and <c>\X</c> quote a
    /// character, <c>\DDD</c> is a decimal octet, <c>@</c> alone is the origin, and a name without
    /// a final dot is relative to <paramref name="origin"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, DnsName? origin, out DnsName name, out string error)
    {
        name = Root;
        if (text.Length == 0) { error = "empty name"; return false; }
        if (text is "@")
        {
            if (origin is null) { error = "'@' with no origin"; return false; }
            name = origin;
            error = "";
            return true;
        }
        if (text is ".") { error = ""; return true; }

        // labelStart is where the current label's length octet goes; its octets follow it.
        Span<byte> buffer = stackalloc byte[MaxLength + MaxLabelLength + 2];
        Span<byte> octets = stackalloc byte[4];
        int labelStart = 0, pos = 1, labels = 0;
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                int labelLength = pos - labelStart - 1;
                if (labelLength == 0) { error = "empty label"; return false; }
                buffer[labelStart] = (byte)labelLength;
                labels++;
                labelStart = pos;
                pos = labelStart + 1;
                i++;
                continue;
            }
            if (!TryReadOctets(text, ref i, octets, out int n, out error)) { return false; }
            if (pos - labelStart + n - 1 > MaxLabelLength) { error = $"label longer than {MaxLabelLength} octets"; return false; }
            if (pos + n - 1 >= MaxLength) { error = $"name longer than {MaxLength} octets"; return false; }
            octets[..n].CopyTo(buffer[pos..]);
            pos += n;
        }
        bool absolute = pos == labelStart + 1; // the text ended with a dot
        if (!absolute)
        {
            int labelLength = pos - labelStart - 1;
            buffer[labelStart] = (byte)labelLength;
            labels++;
            if (origin is null) { error = "relative name with no origin"; return false; }
            int total = pos + origin.Length;
            if (total > MaxLength) { error = $"name longer than {MaxLength} octets"; return false; }
            var wire = new byte[total];
            buffer[..pos].CopyTo(wire);
            origin._wire.CopyTo(wire, pos);
            name = new DnsName(wire, labels + origin.LabelCount);
            error = "";
            return true;
        }
        // Absolute: the root label goes where the next length octet would.
        if (labelStart + 1 > MaxLength) { error = $"name longer than {MaxLength} octets"; return false; }
        var result = new byte[labelStart + 1];
        buffer[..labelStart].CopyTo(result);
        result[labelStart] = 0;
        name = new DnsName(result, labels);
        error = "";
        return true;
    }

    /// <summary>
    /// Parses a name given without an origin (a command-line argument, a config key): a missing
    /// final dot is implied, so <c>example.com</c> is <c>example.com.</c>.
    /// </summary>
    public static bool TryParseAbsolute(string text, out DnsName name, out string error) =>
        TryParse(text.EndsWith('.') ? text : text + ".", null, out name, out error);

    /// <summary>
    /// Reads the octets that <paramref name="text"/>[i] stands for in presentation format
    /// (RFC 1035 §5.1) and advances past them: <c>\DDD</c> is a decimal octet, <c>\X</c> the
    /// character X, an ASCII character itself. Zone files are octets, as BIND reads them: a
    /// non-ASCII character stands for its UTF-8 octets (1 to 4 into <paramref name="octets"/>), an
    /// octet that was not UTF-8 for itself (<see cref="LosslessUtf8"/>), and a backslash before
    /// either escapes only their first octet, which changes nothing.
    /// </summary>
    internal static bool TryReadOctets(ReadOnlySpan<char> text, ref int i, Span<byte> octets, out int count, out string error)
    {
        count = 0;
        error = "";
        char c = text[i];
        if (c == '\\')
        {
            if (i + 1 >= text.Length) { error = "backslash at the end"; return false; }
            char next = text[i + 1];
            if (char.IsAsciiDigit(next))
            {
                if (i + 3 >= text.Length || !char.IsAsciiDigit(text[i + 2]) || !char.IsAsciiDigit(text[i + 3]))
                {
                    error = "\\DDD needs three digits";
                    return false;
                }
                int value = (next - '0') * 100 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
                if (value > 255) { error = $"\\{value} is above 255"; return false; }
                octets[0] = (byte)value;
                count = 1;
                i += 4;
                return true;
            }
            i++;
            c = next;
        }
        if (c <= 0x7F)
        {
            octets[0] = (byte)c;
            count = 1;
            i++;
            return true;
        }
        if (LosslessUtf8.TryGetRawOctet(c, out byte raw))
        {
            octets[0] = raw;
            count = 1;
            i++;
            return true;
        }
        int width = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        count = Encoding.UTF8.GetBytes(text.Slice(i, width), octets);
        i += width;
        return true;
    }

    /// <summary>The same name with ASCII letters lower-cased (RFC 4034 §6.2).</summary>
    public DnsName ToLower()
    {
        int i = Array.FindIndex(_wire, b => b >= (byte)'A' && b <= (byte)'Z');
        if (i < 0) { return this; }
        var lower = (byte[])_wire.Clone();
        LowerInPlace(lower);
        return new DnsName(lower, LabelCount);
    }

    /// <summary>Lower-cases ASCII letters of an uncompressed wire name in place (length octets are below 64, never letters).</summary>
    public static void LowerInPlace(Span<byte> wire)
    {
        for (int i = 0; i < wire.Length; i++)
        {
            byte b = wire[i];
            if (b >= (byte)'A' && b <= (byte)'Z') { wire[i] = (byte)(b | 0x20); }
        }
    }

    /// <summary>The name without its first label; the root's parent is an error.</summary>
    public DnsName Parent()
    {
        if (IsRoot) { throw new InvalidOperationException("the root has no parent"); }
        return new DnsName(_wire.AsSpan(1 + _wire[0]).ToArray(), LabelCount - 1);
    }

    /// <summary>The ancestor with <paramref name="labels"/> labels (0 is the root).</summary>
    public DnsName Ancestor(int labels)
    {
        if (labels < 0 || labels > LabelCount) { throw new ArgumentOutOfRangeException(nameof(labels)); }
        if (labels == LabelCount) { return this; }
        return new DnsName(_wire.AsSpan(OffsetOfSuffix(labels)).ToArray(), labels);
    }

    /// <summary>Offset in <see cref="Wire"/> of the suffix that keeps the last <paramref name="labels"/> labels.</summary>
    public int OffsetOfSuffix(int labels)
    {
        int pos = 0;
        for (int skip = LabelCount - labels; skip > 0; skip--) { pos += 1 + _wire[pos]; }
        return pos;
    }

    /// <summary>A new name with <paramref name="label"/> in front (for <c>*</c> or NSEC3 hashes).</summary>
    public DnsName Prepend(ReadOnlySpan<byte> label)
    {
        if (label.Length == 0 || label.Length > MaxLabelLength) { throw new ArgumentException("bad label length", nameof(label)); }
        if (_wire.Length + 1 + label.Length > MaxLength) { throw new FormatException($"name longer than {MaxLength} octets"); }
        var wire = new byte[_wire.Length + 1 + label.Length];
        wire[0] = (byte)label.Length;
        label.CopyTo(wire.AsSpan(1));
        _wire.CopyTo(wire, 1 + label.Length);
        return new DnsName(wire, LabelCount + 1);
    }

    /// <summary>The first label's octets.</summary>
    public ReadOnlySpan<byte> FirstLabel => IsRoot ? default : _wire.AsSpan(1, _wire[0]);

    /// <summary>True when this name equals <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsSubdomainOf(DnsName ancestor)
    {
        if (ancestor.LabelCount > LabelCount) { return false; }
        int offset = OffsetOfSuffix(ancestor.LabelCount);
        return AsciiEqualsIgnoreCase(_wire.AsSpan(offset), ancestor._wire);
    }

    public bool Equals(DnsName? other) =>
        other is not null && (ReferenceEquals(this, other) || AsciiEqualsIgnoreCase(_wire, other._wire));

    public override bool Equals(object? obj) => obj is DnsName other && Equals(other);

    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            int h = HashIgnoreCase(_wire);
            _hash = h == 0 ? 1 : h;
        }
        return _hash;
    }

    /// <summary>Case-insensitive hash of wire bytes, usable for span look-ups.</summary>
    public static int HashIgnoreCase(ReadOnlySpan<byte> wire)
    {
        // Lower-case a copy and hash it in one call: HashCode.AddBytes takes the octets in blocks,
        // which is several times faster than adding them one by one.
        Span<byte> lower = stackalloc byte[MaxLength + 1];
        var hash = new HashCode();
        for (int start = 0; start < wire.Length; start += lower.Length)
        {
            var chunk = wire[start..Math.Min(wire.Length, start + lower.Length)];
            chunk.CopyTo(lower);
            LowerInPlace(lower[..chunk.Length]);
            hash.AddBytes(lower[..chunk.Length]);
        }
        return hash.ToHashCode();
    }

    /// <summary>
    /// Octet-wise equality with ASCII letters folded (RFC 4343 §3); other octets, 0x80-0xFF
    /// included, must match exactly. (System.Text.Ascii.EqualsIgnoreCase cannot be used: it
    /// reports false for any non-ASCII octet, even against itself.)
    /// </summary>
    public static bool AsciiEqualsIgnoreCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length) { return false; }
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && LowerAscii(a[i]) != LowerAscii(b[i])) { return false; }
        }
        return true;
    }

    private static byte LowerAscii(byte b) => b >= (byte)'A' && b <= (byte)'Z' ? (byte)(b | 0x20) : b;

    /// <summary>DNSSEC canonical order, RFC 4034 §6.1.</summary>
    public int CompareTo(DnsName? other) => other is null ? 1 : CanonicalOrder.Compare(_wire, other._wire);

    public static bool operator ==(DnsName? a, DnsName? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(DnsName? a, DnsName? b) => !(a == b);

    /// <summary>Presentation format, absolute (trailing dot), with BIND's escapes.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(_wire.Length + 4);
        AppendTo(sb, _wire);
        return sb.ToString();
    }

    /// <summary>Appends a wire name (uncompressed) in presentation format.</summary>
    public static void AppendTo(StringBuilder sb, ReadOnlySpan<byte> wire)
    {
        if (wire.Length == 0 || wire[0] == 0) { sb.Append('.'); return; }
        int pos = 0;
        while (wire[pos] != 0)
        {
            int len = wire[pos];
            foreach (byte b in wire.Slice(pos + 1, len)) { AppendEscaped(sb, b); }
            sb.Append('.');
            pos += 1 + len;
        }
    }

    /// <summary>
    /// One octet of a label: characters special in zone files get a backslash, others outside
    /// printable ASCII become <c>\DDD</c> (RFC 1035 §5.1).
    /// </summary>
    internal static void AppendEscaped(StringBuilder sb, byte b)
    {
        switch (b)
        {
            case (byte)'"' or (byte)'(' or (byte)')' or (byte)'.' or (byte)';' or (byte)'\\' or (byte)'@' or (byte)'$':
                sb.Append('\\').Append((char)b);
                break;
            case < 0x21 or > 0x7E:
                sb.Append('\\').Append((b / 100).ToString()).Append((b / 10 % 10).ToString()).Append((b % 10).ToString());
                break;
            default:
                sb.Append((char)b);
                break;
        }
    }

    /// <summary>
    /// The length of the uncompressed wire name at the start of <paramref name="data"/>, which may go
    /// on past it (a name inside RDATA); false when no valid name starts there (a label over 63 octets,
    /// a compression pointer, more than 255 octets, or no root label before the end).
    /// </summary>
    public static bool TryMeasureWire(ReadOnlySpan<byte> data, out int length)
    {
        int pos = 0;
        while (pos < data.Length && pos < MaxLength)
        {
            int label = data[pos];
            if (label == 0)
            {
                length = pos + 1;
                return true;
            }
            if (label > MaxLabelLength) { break; }
            pos += 1 + label;
        }
        length = 0;
        return false;
    }

    /// <summary>Length of the uncompressed wire name that starts at <paramref name="wire"/>[0].</summary>
    public static int WireLength(ReadOnlySpan<byte> wire)
    {
        int pos = 0;
        while (wire[pos] != 0) { pos += 1 + wire[pos]; }
        return pos + 1;
    }
}
