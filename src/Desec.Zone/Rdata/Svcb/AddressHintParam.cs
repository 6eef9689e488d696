using System.Net;
using System.Net.Sockets;
using System.Text;
using Desec.Zone.Rdata.Fields;

namespace Desec.Zone.Rdata.Svcb;

/// <summary>
/// ipv4hint and ipv6hint (RFC 9460 §7.3): a non-empty list of addresses. Text: a value list of
/// addresses; wire: the addresses concatenated (4 or 16 octets each).
/// </summary>
internal sealed class AddressHintParam(ushort key, string name, int size) : SvcParam(key, name)
{
    private AddressFamily Family => size == 4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;

    public override string? ParseText(ReadOnlySpan<byte> text, RdataBuilder output)
    {
        var items = new List<byte[]>();
        if (!ValueList.TrySplit(text, items, out var error)) { return error; }
        foreach (var item in items)
        {
            string address = Ascii(item);
            if (!AddressField.TryParse(address, Family, output.Reserve(size)))
            {
                return $"'{address}' is not an {(size == 4 ? "IPv4" : "IPv6")} address";
            }
        }
        return null;
    }

    public override string? Validate(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty) { return $"{Name} lists no addresses"; }
        return value.Length % size == 0 ? null : $"{Name} length {value.Length} is not a multiple of {size}";
    }

    public override void FormatValue(ReadOnlySpan<byte> value, StringBuilder output)
    {
        output.Append('=');
        for (int i = 0; i < value.Length; i += size)
        {
            if (i > 0) { output.Append(','); }
            output.Append(new IPAddress(value.Slice(i, size)).ToString());
        }
    }
}
