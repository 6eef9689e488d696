using System.Buffers.Binary;
using System.Text;

namespace Desec.Zone.Rdata.Svcb;

/// <summary>
/// mandatory (RFC 9460 §8): keys the client must understand. Text: a comma-separated list of
/// keys in any order; wire: their numbers, strictly increasing. It may not list itself or any key
/// twice; that every listed key is present in the record is checked by the codec.
/// </summary>
internal sealed class MandatoryParam() : SvcParam(SvcParamKeys.Mandatory, "mandatory")
{
    public override string? ParseText(ReadOnlySpan<byte> text, RdataBuilder output)
    {
        var items = new List<byte[]>();
        if (!ValueList.TrySplit(text, items, out var error)) { return error; }
        var keys = new List<ushort>();
        foreach (var item in items)
        {
            if (!SvcParamKeys.TryParse(Ascii(item), out ushort key, out _, out error)) { return error; }
            if (key == SvcParamKeys.Mandatory) { return "mandatory must not list itself (RFC 9460 §8)"; }
            if (keys.Contains(key)) { return $"mandatory lists {SvcParamKeys.Name(key)} twice (RFC 9460 §8)"; }
            keys.Add(key);
        }
        keys.Sort();
        foreach (ushort key in keys) { output.WriteUInt16(key); }
        return null;
    }

    public override string? Validate(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty) { return "mandatory lists no keys"; }
        if (value.Length % 2 != 0) { return "mandatory has an odd number of octets"; }
        int previous = -1;
        for (int i = 0; i < value.Length; i += 2)
        {
            ushort key = BinaryPrimitives.ReadUInt16BigEndian(value[i..]);
            if (key == SvcParamKeys.Mandatory) { return "mandatory must not list itself (RFC 9460 §8)"; }
            if (key == SvcParamKeys.Invalid) { return "mandatory lists key65535, which is reserved as invalid"; }
            if (key <= previous)
            {
                return key == previous
                    ? $"mandatory lists {SvcParamKeys.Name(key)} twice (RFC 9460 §8)"
                    : "mandatory keys are not in increasing order (RFC 9460 §8)";
            }
            previous = key;
        }
        return null;
    }

    public override void FormatValue(ReadOnlySpan<byte> value, StringBuilder output)
    {
        output.Append('=');
        for (int i = 0; i < value.Length; i += 2)
        {
            if (i > 0) { output.Append(','); }
            SvcParamKeys.AppendName(output, BinaryPrimitives.ReadUInt16BigEndian(value[i..]));
        }
    }

    /// <summary>Keys listed in a valid mandatory value.</summary>
    public static IEnumerable<ushort> Keys(byte[] value)
    {
        for (int i = 0; i + 1 < value.Length; i += 2) { yield return BinaryPrimitives.ReadUInt16BigEndian(value.AsSpan(i)); }
    }
}
