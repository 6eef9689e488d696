using Desec.Zone.Names;
using Desec.Zone.Wire;

namespace Desec.Zone.Tests.Wire;

/// <summary>
/// Names in messages (RFC 1035 §4.1.4): compression pointers are followed, and every malformed
/// input raises <see cref="DnsWireException"/> with the offset where it went wrong.
/// </summary>
public class DnsWireReaderTests
{
    // 0: example.com. (13 octets)  13: www -> 0   19: a -> 13
    private static readonly byte[] Message =
    [
        7, .. "example"u8, 3, .. "com"u8, 0,
        3, .. "www"u8, 0xC0, 0,
        1, (byte)'a', 0xC0, 13,
    ];

    private static DnsName ReadName(byte[] message, int position, out int after, bool allowCompression = true)
    {
        var reader = new DnsWireReader(message, position);
        var name = reader.ReadDnsName(allowCompression);
        after = reader.Position;
        return name;
    }

    private static DnsWireException NameFails(byte[] message, int position = 0, bool allowCompression = true) =>
        Assert.Throws<DnsWireException>(() => ReadName(message, position, out _, allowCompression));

    [Fact]
    public void Reads_an_uncompressed_name()
    {
        Assert.Equal("example.com.", ReadName(Message, 0, out int after).ToString());
        Assert.Equal(13, after);
    }

    [Fact]
    public void Follows_a_pointer_and_resumes_after_it()
    {
        Assert.Equal("www.example.com.", ReadName(Message, 13, out int after).ToString());
        Assert.Equal(19, after);
    }

    [Fact]
    public void Follows_a_chain_of_pointers()
    {
        Assert.Equal("a.www.example.com.", ReadName(Message, 19, out int after).ToString());
        Assert.Equal(23, after);
    }

    [Fact]
    public void A_name_that_is_only_a_pointer()
    {
        byte[] message = [.. Message, 0xC0, 19];
        Assert.Equal("a.www.example.com.", ReadName(message, 23, out int after).ToString());
        Assert.Equal(25, after);
    }

    [Fact]
    public void Pointers_are_refused_where_compression_is_not_allowed()
    {
        var e = NameFails(Message, 13, allowCompression: false);
        Assert.Equal(17, e.Offset);
        Assert.Contains("compression pointer where none is allowed", e.Reason);
    }

    [Fact]
    public void A_forward_pointer_is_refused()
    {
        byte[] message = [0xC0, 2, 1, (byte)'a', 0];
        var e = NameFails(message);
        Assert.Equal(0, e.Offset);
        Assert.Contains("does not point backwards", e.Reason);
    }

    [Fact]
    public void A_pointer_to_itself_is_refused()
    {
        var e = NameFails([1, (byte)'a', 0xC0, 2]);
        Assert.Equal(2, e.Offset);
        Assert.Contains("does not point backwards", e.Reason);
    }

    [Fact]
    public void A_loop_is_refused()
    {
        // 0: a -> 4;  4: b -> 0.  Reading at 4 follows the pointer to 0, whose pointer goes forward again.
        byte[] message = [1, (byte)'a', 0xC0, 4, 1, (byte)'b', 0xC0, 0];
        var e = NameFails(message, 4);
        Assert.Equal(2, e.Offset);
        Assert.Contains("does not point backwards", e.Reason);
    }

    [Fact]
    public void A_pointer_to_the_start_of_its_own_name_is_refused()
    {
        var e = NameFails([1, (byte)'a', 0xC0, 0]);
        Assert.Equal(2, e.Offset);
    }

    [Fact]
    public void A_pointer_out_of_range_is_refused()
    {
        var e = NameFails([0, 0, 0xFF, 0xFF], 2);
        Assert.Equal(2, e.Offset);
        Assert.Contains("does not point backwards", e.Reason);
    }

    [Fact]
    public void A_truncated_pointer_is_refused()
    {
        var e = NameFails([1, (byte)'a', 0xC0]);
        Assert.Equal(2, e.Offset);
        Assert.Contains("truncated compression pointer", e.Reason);
    }

    [Theory]
    [InlineData(0x40)]
    [InlineData(0x80)]
    [InlineData(0x7F)]
    public void Label_types_other_than_plain_and_pointer_are_refused(byte first)
    {
        var e = NameFails([1, (byte)'a', first, 0, 0]);
        Assert.Equal(2, e.Offset);
        Assert.Contains("unsupported label type", e.Reason);
    }

    [Fact]
    public void A_label_past_the_end_is_refused()
    {
        var e = NameFails([1, (byte)'a', 5, (byte)'b', (byte)'c']);
        Assert.Equal(2, e.Offset);
        Assert.Contains("label runs past the end", e.Reason);
    }

    [Fact]
    public void A_name_without_its_root_label_is_refused()
    {
        var e = NameFails([1, (byte)'a']);
        Assert.Equal(2, e.Offset);
        Assert.Contains("name runs past the end", e.Reason);
        Assert.Equal(0, NameFails([]).Offset);
    }

    private static byte[] Labels(int count, int length) =>
        [.. Enumerable.Range(0, count).SelectMany(_ => new[] { (byte)length }.Concat(Enumerable.Repeat((byte)'x', length)))];

    [Fact]
    public void A_name_of_255_octets_is_read()
    {
        byte[] message = [.. Labels(3, 63), 61, .. Enumerable.Repeat((byte)'y', 61), 0];
        Assert.Equal(255, ReadName(message, 0, out _).Length);
    }

    [Fact]
    public void A_name_over_255_octets_is_refused()
    {
        byte[] message = [.. Labels(3, 63), 62, .. Enumerable.Repeat((byte)'y', 62), 0];
        var e = NameFails(message);
        Assert.Contains("name longer than 255 octets", e.Reason);
        Assert.Equal(3 * 64, e.Offset);
    }

    [Fact]
    public void A_name_made_over_long_through_pointers_is_refused()
    {
        // 0: 3 labels of 63 (192 octets) + root.  193: a 63-octet label pointing back to 0: 256 octets.
        byte[] message = [.. Labels(3, 63), 0, .. Labels(1, 63), 0xC0, 0];
        var e = NameFails(message, 193);
        Assert.Contains("name longer than 255 octets", e.Reason);
    }

    [Fact]
    public void Truncated_integers_and_bytes_are_refused_with_their_offset()
    {
        byte[] data = [1, 2, 3];
        var reader = new DnsWireReader(data, 2);
        try { reader.ReadUInt16(); Assert.Fail("no exception"); }
        catch (DnsWireException e) { Assert.Equal(2, e.Offset); Assert.Contains("needs 2 more octets, 1 left", e.Reason); }

        reader = new DnsWireReader(data);
        try { reader.ReadUInt32(); Assert.Fail("no exception"); }
        catch (DnsWireException e) { Assert.Equal(0, e.Offset); }

        reader = new DnsWireReader(data);
        try { reader.ReadBytes(-1); Assert.Fail("no exception"); }
        catch (DnsWireException e) { Assert.Contains("negative length", e.Reason); }

        reader = new DnsWireReader(data, 3);
        try { reader.ReadByte(); Assert.Fail("no exception"); }
        catch (DnsWireException e) { Assert.Equal(3, e.Offset); }
    }

    [Fact]
    public void Reads_integers_big_endian()
    {
        var reader = new DnsWireReader([1, 2, 3, 4, 5, 6, 7]);
        Assert.Equal(1, reader.ReadByte());
        Assert.Equal(0x0203, reader.ReadUInt16());
        Assert.Equal(0x04050607u, reader.ReadUInt32());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void A_destination_too_small_is_an_error_not_a_crash()
    {
        byte[] message = Message;
        try
        {
            var reader = new DnsWireReader(message);
            Span<byte> small = stackalloc byte[4];
            reader.ReadName(small);
            Assert.Fail("no exception");
        }
        catch (DnsWireException e) { Assert.Contains("longer than the buffer", e.Reason); }
    }

    [Fact]
    public void Random_bytes_raise_only_DnsWireException()
    {
        var random = new Random(1);
        for (int i = 0; i < 20000; i++)
        {
            var message = new byte[random.Next(0, 40)];
            random.NextBytes(message);
            int start = message.Length == 0 ? 0 : random.Next(message.Length);
            try
            {
                var reader = new DnsWireReader(message, start);
                var name = reader.ReadDnsName();
                Assert.True(name.Length <= DnsName.MaxLength);
                Assert.True(reader.Position <= message.Length);
            }
            catch (DnsWireException e)
            {
                Assert.InRange(e.Offset, 0, message.Length);
            }
        }
    }
}
