using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Wire;

namespace Desec.Zone.Tests.Messages;

/// <summary>
/// The message reader (RFC 1035 §4.1): header, question and records read once; the OPT record and
/// its options (RFC 6891 §6.1.2, RFC 5001, RFC 7873, RFC 7830); the TSIG record only last (RFC 8945
/// §5.1); <see cref="DnsWireException"/> for malformed input, with what was read before it kept.
/// </summary>
public class MessageReaderTests
{
    private static readonly byte[] Name = DnsName.Parse("WwW.example.").Wire.ToArray();

    private static byte[] Query(OptRecord opt, bool edns = true, HeaderFlags flags = HeaderFlags.RD) =>
        QueryMessage.Create(0x2468, Opcode.Query, flags, Name, RRType.AAAA, RRClass.IN, edns, opt);

    /// <summary>An OPT record with the given options (code, data) written by hand, as a peer might send them.</summary>
    private static byte[] WithOptions(params (ushort Code, byte[] Data)[] options)
    {
        var rdata = new List<byte>();
        foreach (var (code, data) in options)
        {
            rdata.AddRange([(byte)(code >> 8), (byte)code, (byte)(data.Length >> 8), (byte)data.Length, .. data]);
        }
        var query = Query(default, edns: false);
        var header = MessageReader.ReadAll(query).Header with { AdditionalCount = 1 };
        byte[] opt = [0, 0, (byte)RRType.OPT, 0x04, 0xD0, 0, 0, 0, 0, (byte)(rdata.Count >> 8), (byte)rdata.Count, .. rdata];
        var message = (byte[])[.. query, .. opt];
        header.WriteTo(message);
        return message;
    }

    [Fact]
    public void Rfc1035_4_1_header_and_question_as_received()
    {
        var reader = MessageReader.ReadAll(Query(default, edns: false));
        Assert.Equal(0x2468, reader.Header.Id);
        Assert.Equal(Opcode.Query, reader.Header.Opcode);
        Assert.True(reader.Header.Has(HeaderFlags.RD));
        Assert.False(reader.Header.IsResponse);
        Assert.Equal(Name, reader.Question.Name.ToArray()); // letter case kept (RFC 4343 §4)
        Assert.Equal(RRType.AAAA, reader.Question.Type);
        Assert.Equal(RRClass.IN, reader.Question.Class);
        Assert.Equal(Name.Length + 4, reader.Question.Wire.Length);
        Assert.False(reader.Edns.Present);
        Assert.False(reader.Tsig.Present);
    }

    [Fact]
    public void A_header_with_every_bit_set_reads_and_writes_back_unchanged()
    {
        // The Z bit included: a TSIG MAC covers the header as sent (RFC 8945 §4.3.2).
        byte[] header = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.True(MessageHeader.TryRead(header, out var read));
        var written = new byte[MessageHeader.Length];
        read.WriteTo(written);
        Assert.Equal(header, written);
    }

    [Fact]
    public void Shorter_than_a_header_does_not_start()
    {
        Assert.False(MessageReader.TryStart(new byte[11], out _));
        Assert.False(MessageReader.TryReadAll(new byte[11], out _));
    }

    [Fact]
    public void Rfc6891_6_1_3_opt_fields_do_bit_version_and_payload_size()
    {
        var reader = MessageReader.ReadAll(Query(new OptRecord { UdpPayloadSize = 4096, DnssecOk = true, Version = 1 }));
        Assert.True(reader.Edns.Present);
        Assert.Equal(4096, reader.Edns.UdpPayloadSize);
        Assert.True(reader.Edns.DnssecOk);
        Assert.Equal(1, reader.Edns.Version);
    }

    [Fact]
    public void Rfc6891_6_2_5_a_payload_size_below_512_counts_as_512()
    {
        var reader = MessageReader.ReadAll(Query(new OptRecord { UdpPayloadSize = 100 }));
        Assert.Equal(100, reader.Edns.RequestedUdpPayload);
        Assert.Equal(512, reader.Edns.UdpPayloadSize);
    }

    [Fact]
    public void Rfc5001_2_1_an_empty_nsid_option_asks_for_the_nsid()
    {
        Assert.True(MessageReader.ReadAll(Query(new OptRecord { AskNsid = true })).Edns.NsidRequested);
        Assert.False(MessageReader.ReadAll(Query(new OptRecord())).Edns.NsidRequested);
    }

    [Fact]
    public void Rfc7873_4_client_cookie_alone_or_with_a_server_cookie()
    {
        byte[] client = [1, 2, 3, 4, 5, 6, 7, 8];
        var alone = MessageReader.ReadAll(Query(new OptRecord { Cookie = client })).Edns;
        Assert.Equal(client, alone.ClientCookie.ToArray());
        Assert.True(alone.ServerCookie.IsEmpty);
        Assert.False(alone.CookieMalformed);
        byte[] both = [.. client, .. new byte[16]];
        var echoed = MessageReader.ReadAll(Query(new OptRecord { Cookie = both })).Edns;
        Assert.Equal(client, echoed.ClientCookie.ToArray());
        Assert.Equal(16, echoed.ServerCookie.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(15)]
    [InlineData(41)]
    public void Rfc7873_5_2_2_a_cookie_of_another_length_is_malformed(int length)
    {
        var edns = MessageReader.ReadAll(WithOptions((EdnsOptionCode.Cookie, new byte[length]))).Edns;
        Assert.True(edns.Present); // the FORMERR still carries an OPT record
        Assert.True(edns.CookieMalformed);
        Assert.True(edns.ClientCookie.IsEmpty);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(40)]
    public void Rfc7873_4_cookie_lengths_that_are_allowed(int length)
    {
        Assert.False(MessageReader.ReadAll(WithOptions((EdnsOptionCode.Cookie, new byte[length]))).Edns.CookieMalformed);
    }

    [Fact]
    public void Rfc6891_6_1_2_unknown_options_are_kept_in_order_for_the_caller()
    {
        var message = WithOptions((65001, [0xAA]), (EdnsOptionCode.Padding, new byte[3]), (EdnsOptionCode.Nsid, []), (EdnsOptionCode.ExtendedError, [0, 1]));
        var edns = MessageReader.ReadAll(message).Edns;
        Assert.True(edns.Padded);
        Assert.True(edns.NsidRequested);
        var seen = new List<(ushort, int)>();
        foreach (var option in edns.Options) { seen.Add((option.Code, option.Data.Length)); }
        Assert.Equal([(65001, 1), (EdnsOptionCode.Padding, 3), (EdnsOptionCode.Nsid, 0), (EdnsOptionCode.ExtendedError, 2)], seen);
    }

    [Fact]
    public void Rfc6891_6_1_2_an_option_running_past_the_record_throws_with_the_offset()
    {
        var message = WithOptions((EdnsOptionCode.Nsid, [1, 2]));
        message[^3] = 9; // the option claims 9 octets of data
        var e = Assert.Throws<DnsWireException>(() => MessageReader.ReadAll(message));
        Assert.True(e.Offset > MessageHeader.Length);
    }

    [Fact]
    public void Rfc6891_6_1_1_two_opt_records_throw()
    {
        var once = Query(new OptRecord());
        var opt = once[^OptRecord.FixedLength..];
        var twice = (byte[])[.. once, .. opt];
        (MessageReader.ReadAll(once).Header with { AdditionalCount = 2 }).WriteTo(twice);
        Assert.Throws<DnsWireException>(() => MessageReader.ReadAll(twice));
    }

    [Fact]
    public void Rfc8945_5_1_a_tsig_record_that_is_not_last_throws()
    {
        // A TSIG-typed record (its RDATA is not even read) followed by the OPT record.
        byte[] tsig = [0, 0, 250, 0, 255, 0, 0, 0, 0, 0, 0];
        var query = Query(new OptRecord());
        int questionEnd = MessageHeader.Length + Name.Length + 4;
        var message = (byte[])[.. query[..questionEnd], .. tsig, .. query[questionEnd..]];
        (MessageReader.ReadAll(query).Header with { AdditionalCount = 2 }).WriteTo(message);
        Assert.Throws<DnsWireException>(() => MessageReader.ReadAll(message));
    }

    [Fact]
    public void Trailing_octets_throw_and_the_question_stays_readable()
    {
        var message = (byte[])[.. Query(default, edns: false), 1, 2, 3];
        Assert.True(MessageReader.TryStart(message, out var reader));
        reader.ReadQuestion();
        Assert.Throws<DnsWireException>(() => ReadRecords(message));
        Assert.Equal(RRType.AAAA, reader.Question.Type);
    }

    private static void ReadRecords(byte[] message)
    {
        MessageReader.TryStart(message, out var reader);
        reader.ReadQuestion();
        reader.ReadRecords();
    }

    [Fact]
    public void Rfc1035_4_1_4_a_compressed_question_name_throws()
    {
        var message = Query(default, edns: false)[..MessageHeader.Length];
        message = [.. message, 0xC0, 0x0C, 0, 1, 0, 1];
        Assert.Throws<DnsWireException>(() => ReadQuestionOf(message));
    }

    private static void ReadQuestionOf(byte[] message)
    {
        MessageReader.TryStart(message, out var reader);
        reader.ReadQuestion();
    }

    [Fact]
    public void Sections_are_walked_again_with_compressed_owners_and_rdata()
    {
        var buffer = new byte[512];
        var writer = new MessageWriter(buffer, new ushort[16], buffer.Length);
        writer.Start(7, Opcode.Query, HeaderFlags.QR | HeaderFlags.AA);
        Assert.True(writer.TryWriteQuestion(Name, RRType.SOA, RRClass.IN));
        var soa = (byte[])[.. Name, .. Name, 0, 0, 0, 42, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4];
        Assert.True(writer.TryAddRecord(MessageSection.Answer, Name, RRType.A, RRClass.IN, 60, [192, 0, 2, 1]));
        Assert.True(writer.TryAddRecord(MessageSection.Authority, Name, RRType.SOA, RRClass.IN, 60, soa));
        var message = buffer[..writer.Finish()];

        var reader = MessageReader.ReadAll(message);
        var authority = reader.Section(MessageSection.Authority);
        Assert.True(authority.TryNext(out var record));
        Assert.Equal(RRType.SOA, record.Type);
        Span<byte> owner = stackalloc byte[DnsName.MaxLength];
        Assert.Equal(Name, owner[..record.ReadOwner(message, owner)].ToArray());
        var rdata = record.RdataReader(message);
        rdata.ReadName(owner); // MNAME, a pointer to the question
        rdata.ReadName(owner);
        Assert.Equal(42u, rdata.ReadUInt32());
        Assert.False(authority.TryNext(out _));
        Assert.Equal(1, CountOf(reader.Section(MessageSection.Answer)));
        Assert.Equal(0, CountOf(reader.Section(MessageSection.Additional)));
    }

    private static int CountOf(RecordCursor cursor)
    {
        int count = 0;
        while (cursor.TryNext(out _)) { count++; }
        return count;
    }

    [Fact]
    public void Record_counts_beyond_the_data_throw()
    {
        var message = Query(default, edns: false);
        (MessageReader.ReadAll(message).Header with { AnswerCount = 2 }).WriteTo(message);
        Assert.Throws<DnsWireException>(() => MessageReader.ReadAll(message));
    }

    [Fact]
    public void Random_and_mutated_messages_throw_only_DnsWireException()
    {
        var random = new Random(1035);
        var valid = Query(new OptRecord { AskNsid = true, Cookie = [1, 2, 3, 4, 5, 6, 7, 8] });
        for (int i = 0; i < 20_000; i++)
        {
            var copy = (byte[])valid.Clone();
            for (int f = random.Next(1, 4); f > 0; f--) { copy[random.Next(copy.Length)] = (byte)random.Next(256); }
            var cut = copy[..random.Next(copy.Length + 1)];
            MessageReader.TryReadAll(cut, out _); // any other exception fails the test
        }
    }
}
