using System.Buffers.Binary;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Tests.Messages;

/// <summary>
/// The message writer (RFC 1035 §4.1): sections only in order, the header from typed fields,
/// RRsets whole or not at all (RFC 2181 §9), the OPT record last with the extended RCODE
/// (RFC 6891 §6.1.3).
/// </summary>
public class MessageWriterTests
{
    private static readonly DnsName Owner = DnsName.Parse("www.example.");
    private static readonly RRset TwoAddresses = new(Owner, RRType.A, 300, [[192, 0, 2, 1], [192, 0, 2, 2]]);
    private static readonly byte[] Question = [3, (byte)'W', (byte)'w', (byte)'W', 7, .. "example"u8, 0, 0, 1, 0, 1];

    private static MessageWriter Started(byte[] buffer, int limit, MessageOverflow overflow = MessageOverflow.Truncate)
    {
        var writer = new MessageWriter(buffer, new ushort[64], limit, overflow);
        writer.Start(0x1234, Opcode.Query, HeaderFlags.QR | HeaderFlags.RD);
        Assert.True(writer.TryCopyQuestion(Question));
        return writer;
    }

    private static ushort Word(byte[] message, int offset) => BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(offset));

    [Fact]
    public void Rfc1035_4_1_1_header_is_written_from_typed_fields()
    {
        var buffer = new byte[512];
        var writer = Started(buffer, 512);
        writer.SetFlags(HeaderFlags.AA);
        writer.SetRcode(Rcode.NXDomain);
        Assert.True(writer.TryAdd(MessageSection.Authority, TwoAddresses));
        int length = writer.Finish();

        Assert.True(MessageHeader.TryRead(buffer.AsSpan(0, length), out var header));
        Assert.Equal(0x1234, header.Id);
        Assert.Equal(HeaderFlags.QR | HeaderFlags.RD | HeaderFlags.AA, header.Flags);
        Assert.Equal(Opcode.Query, header.Opcode);
        Assert.Equal(Rcode.NXDomain.HeaderBits(), header.RcodeBits);
        Assert.Equal((1, 0, 2, 0), (header.QuestionCount, header.AnswerCount, header.AuthorityCount, header.AdditionalCount));
    }

    [Fact]
    public void Rfc1035_4_1_sections_in_order_an_earlier_section_after_a_later_one_throws()
    {
        var buffer = new byte[512];
        var writer = Started(buffer, 512);
        Assert.True(writer.TryAdd(MessageSection.Additional, TwoAddresses));
        try
        {
            writer.TryAdd(MessageSection.Answer, TwoAddresses);
            Assert.Fail("an answer after the additional section was accepted");
        }
        catch (InvalidOperationException e)
        {
            Assert.Contains("Answer", e.Message);
        }
    }

    [Fact]
    public void The_question_cannot_follow_records_and_nothing_follows_finish()
    {
        var buffer = new byte[512];
        var writer = Started(buffer, 512);
        writer.TryAdd(MessageSection.Answer, TwoAddresses);
        bool threw = false;
        try { writer.TryCopyQuestion(Question); } catch (InvalidOperationException) { threw = true; }
        Assert.True(threw);
        writer.Finish();
        threw = false;
        try { writer.TryAdd(MessageSection.Additional, TwoAddresses); } catch (InvalidOperationException) { threw = true; }
        Assert.True(threw);
    }

    [Fact]
    public void Records_before_start_throw()
    {
        var writer = new MessageWriter(new byte[512], new ushort[8], 512);
        bool threw = false;
        try { writer.TryAdd(MessageSection.Answer, TwoAddresses); } catch (InvalidOperationException) { threw = true; }
        Assert.True(threw);
    }

    [Fact]
    public void Rfc2181_9_an_answer_rrset_that_does_not_fit_sets_tc_and_refuses_later_records()
    {
        var buffer = new byte[512];
        // Header 12 + question 17 + one A record (owner compressed to the question: 2 + 10 + 4 = 16).
        var writer = Started(buffer, 12 + 17 + 16 + 8);
        Assert.False(writer.TryAdd(MessageSection.Answer, TwoAddresses));
        Assert.True(writer.Truncated);
        Assert.False(writer.TryAdd(MessageSection.Additional, new RRset(Owner, RRType.AAAA, 300, [new byte[16]])));
        int length = writer.Finish();
        Assert.Equal(12 + 17, length); // the RRset went in whole or not at all
        Assert.NotEqual(0, Word(buffer, 2) & (ushort)HeaderFlags.TC);
        Assert.Equal(0, Word(buffer, 6));
    }

    [Fact]
    public void An_additional_rrset_that_does_not_fit_is_left_out_without_tc()
    {
        var buffer = new byte[512];
        var writer = Started(buffer, 12 + 17 + 16 + 16);
        Assert.True(writer.TryAdd(MessageSection.Answer, TwoAddresses));
        Assert.False(writer.TryAdd(MessageSection.Additional, TwoAddresses));
        Assert.False(writer.Truncated);
        int length = writer.Finish();
        Assert.Equal(0, Word(buffer, 2) & (ushort)HeaderFlags.TC);
        Assert.Equal(2, Word(buffer, 6));
        Assert.Equal(12 + 17 + 32, length);
    }

    [Fact]
    public void Rfc9471_3_glue_that_must_be_there_marks_the_response_truncated()
    {
        var buffer = new byte[512];
        var writer = Started(buffer, 512);
        writer.MarkTruncated();
        writer.Finish();
        Assert.NotEqual(0, Word(buffer, 2) & (ushort)HeaderFlags.TC);
    }

    [Fact]
    public void Rfc5936_2_2_a_stream_message_ends_without_tc_where_the_next_record_does_not_fit()
    {
        var buffer = new byte[512];
        var writer = Started(buffer, 12 + 17 + 16 + 8, MessageOverflow.NextMessage);
        Assert.False(writer.TryAdd(MessageSection.Answer, TwoAddresses));
        Assert.False(writer.Truncated);
        writer.Finish();
        Assert.Equal(0, Word(buffer, 2) & (ushort)HeaderFlags.TC);
    }

    [Fact]
    public void Rfc4343_4_the_question_keeps_the_queriers_case_and_owners_point_to_it()
    {
        var buffer = new byte[512];
        var writer = Started(buffer, 512);
        writer.TryAdd(MessageSection.Answer, TwoAddresses);
        writer.Finish();
        Assert.Equal("WwW"u8.ToArray(), buffer[13..16]);
        Assert.Equal(0xC00C, Word(buffer, 12 + 17)); // the first owner is a pointer to the question name
    }

    [Fact]
    public void Rfc6891_6_1_3_an_extended_rcode_is_split_between_header_and_opt()
    {
        var buffer = new byte[512];
        var writer = Started(buffer, 512);
        var opt = new OptRecord { UdpPayloadSize = 1232, DnssecOk = true, Nsid = "ns1"u8 };
        writer.Reserve(opt.Length);
        writer.SetRcode(Rcode.BadVers);
        Assert.True(writer.TryWriteOpt(opt));
        int length = writer.Finish();

        Assert.Equal(0, Word(buffer, 2) & 0xF); // BADVERS is 16: nothing in the header's bits
        Assert.Equal(1, Word(buffer, 10));
        int at = 12 + 17;
        Assert.Equal(0, buffer[at]); // root owner
        Assert.Equal(RRType.OPT, Word(buffer, at + 1));
        Assert.Equal(1232, Word(buffer, at + 3));
        Assert.Equal(1, buffer[at + 5]); // extended RCODE: 16 >> 4
        Assert.Equal(0, buffer[at + 6]); // version 0
        Assert.Equal(0x8000, Word(buffer, at + 7)); // DO echoed
        Assert.Equal(4 + 3, Word(buffer, at + 9));
        Assert.Equal(EdnsOptionCode.Nsid, Word(buffer, at + 11));
        Assert.Equal("ns1"u8.ToArray(), buffer[(at + 15)..(at + 18)]);
        Assert.Equal(at + opt.Length, length);
    }

    [Fact]
    public void An_extended_rcode_without_opt_throws()
    {
        var buffer = new byte[512];
        var writer = Started(buffer, 512);
        writer.SetRcode(Rcode.BadVers);
        bool threw = false;
        try { writer.Finish(); } catch (InvalidOperationException) { threw = true; }
        Assert.True(threw);
    }

    [Fact]
    public void Room_reserved_for_opt_is_not_used_by_records()
    {
        var buffer = new byte[512];
        var opt = new OptRecord { UdpPayloadSize = 1232 };
        var writer = Started(buffer, 12 + 17 + 32 + opt.Length - 1);
        writer.Reserve(opt.Length);
        Assert.False(writer.TryAdd(MessageSection.Answer, TwoAddresses));
        Assert.True(writer.TryWriteOpt(opt));
        Assert.Equal(12 + 17 + opt.Length, writer.Finish());
    }

    [Fact]
    public void Rfc7830_padding_option_is_zeros_of_the_given_length()
    {
        var buffer = new byte[512];
        var writer = Started(buffer, 512);
        var opt = new OptRecord { PaddingLength = 5 };
        writer.Reserve(opt.Length);
        writer.TryWriteOpt(opt);
        int length = writer.Finish();
        Assert.Equal(EdnsOptionCode.Padding, Word(buffer, length - 9));
        Assert.Equal(5, Word(buffer, length - 7));
        Assert.All(buffer[(length - 5)..length], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Rollback_to_a_checkpoint_undoes_records_counts_and_tc()
    {
        var buffer = new byte[512];
        var writer = Started(buffer, 12 + 17 + 16 + 8);
        var start = writer.Checkpoint();
        Assert.False(writer.TryAdd(MessageSection.Answer, TwoAddresses));
        Assert.True(writer.Truncated);
        writer.RollbackTo(start);
        Assert.False(writer.Truncated);
        Assert.True(writer.TryAddRecord(MessageSection.Answer, Owner.Wire, RRType.A, RRClass.IN, 300, [192, 0, 2, 1]));
        int length = writer.Finish();
        Assert.Equal(12 + 17 + 16, length);
        Assert.Equal(0, Word(buffer, 2) & (ushort)HeaderFlags.TC);
        Assert.Equal(1, Word(buffer, 6));
    }

    [Fact]
    public void Rfc6891_6_1_2_a_querys_opt_asks_for_the_nsid_with_an_empty_option_and_carries_its_version()
    {
        var buffer = new byte[512];
        var writer = Started(buffer, 512);
        var opt = new OptRecord { UdpPayloadSize = 4096, AskNsid = true, Version = 1 };
        writer.Reserve(opt.Length);
        Assert.True(writer.TryWriteOpt(opt));
        int length = writer.Finish();
        Assert.Equal(OptRecord.FixedLength + 4, opt.Length);
        Assert.Equal(1, buffer[length - 4 - 5]); // version
        Assert.Equal(EdnsOptionCode.Nsid, Word(buffer, length - 4));
        Assert.Equal(0, Word(buffer, length - 2));
    }
}
