using Desec.Zone.Messages;
using Desec.Zone.Records;
using static Desec.Auth.Tests.TestQueries;

namespace Desec.Auth.Tests.Query;

/// <summary>
/// Bad input (RFC 1035 §4.1.1, RFC 6891 §6.1.1): FORMERR with the question echoed when it can be
/// read, dropped where no answer makes sense, and never an exception.
/// </summary>
public class MalformedQueryTests
{
    private readonly Desec.Auth.Zones.ZoneStore _store = ExampleZones.Store();

    /// <summary>A header with counts that need not match what follows (the point of these tests).</summary>
    private static byte[] RequestHeader(HeaderFlags flags = HeaderFlags.RD, Opcode opcode = Opcode.Query, ushort qd = 1, ushort an = 0,
        ushort ns = 0, ushort ar = 0)
    {
        var header = new byte[MessageHeader.Length];
        new MessageHeader(0xABCD, flags, opcode, 0, qd, an, ns, ar).WriteTo(header);
        return header;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static readonly byte[] WwwA = [3, (byte)'w', (byte)'w', (byte)'w', 7, .. "example"u8, 3, .. "com"u8, 0, 0, 1, 0, 1];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(11)]
    public void Shorter_than_a_header_is_dropped(int length) =>
        Assert.Empty(Answer(_store, new byte[length]));

    [Fact]
    public void A_response_is_dropped() =>
        Assert.Empty(Answer(_store, Concat(RequestHeader(flags: HeaderFlags.QR | HeaderFlags.RD), WwwA)));

    [Fact]
    public void Header_only_is_formerr_without_question()
    {
        var response = Answer(_store, RequestHeader());
        Assert.Equal(Rcode.FormErr, ResponseCode(response));
        Assert.Equal(0, Header(response).QuestionCount);
        Assert.Equal(0xABCD, Header(response).Id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Qdcount_other_than_one_is_formerr(ushort qd)
    {
        var response = Answer(_store, Concat(RequestHeader(qd: qd), WwwA, qd == 2 ? WwwA : []));
        Assert.Equal(Rcode.FormErr, ResponseCode(response));
    }

    [Fact]
    public void Unknown_opcode_is_notimp_with_the_question()
    {
        var response = Answer(_store, Concat(RequestHeader(opcode: Opcode.Status), WwwA));
        Assert.Equal(Rcode.NotImp, ResponseCode(response));
        Assert.Equal(1, Header(response).QuestionCount);
        Assert.Equal(WwwA, response.AsSpan(12, WwwA.Length).ToArray());
    }

    [Fact]
    public void Class_other_than_in_is_refused()
    {
        var response = Answer(_store, TestQueries.Query("www.example.com", RRType.A, qclass: 3));
        Assert.Equal(Rcode.Refused, ResponseCode(response));
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x0C, 0, 1, 0, 1 })]          // pointer to itself
    [InlineData(new byte[] { 0xC0, 0x20, 0, 1, 0, 1 })]          // forward pointer
    [InlineData(new byte[] { 0xC0, 0x02, 0, 1, 0, 1 })]          // pointer into the header
    [InlineData(new byte[] { 64, (byte)'a', 0, 0, 1, 0, 1 })]    // label length 64
    [InlineData(new byte[] { 0x80, 0, 0, 1, 0, 1 })]             // reserved label type
    [InlineData(new byte[] { 3, (byte)'w', (byte)'w' })]         // truncated label
    [InlineData(new byte[] { 0, 0, 1 })]                         // truncated type/class
    public void Malformed_question_is_formerr(byte[] question)
    {
        var response = Answer(_store, Concat(RequestHeader(), question));
        Assert.Equal(Rcode.FormErr, ResponseCode(response));
    }

    [Fact]
    public void A_name_over_255_octets_is_formerr()
    {
        var name = new List<byte>();
        for (int i = 0; i < 5; i++) { name.Add(63); name.AddRange(Enumerable.Repeat((byte)'a', 63)); }
        name.Add(0);
        var response = Answer(_store, Concat(RequestHeader(), name.ToArray(), [0, 1, 0, 1]));
        Assert.Equal(Rcode.FormErr, ResponseCode(response));
    }

    [Fact]
    public void Two_opt_records_are_formerr()
    {
        byte[] opt = [0, 0, 41, 4, 0, 0, 0, 0, 0, 0, 0];
        var response = Answer(_store, Concat(RequestHeader(ar: 2), WwwA, opt, opt));
        Assert.Equal(Rcode.FormErr, ResponseCode(response));
    }

    [Fact]
    public void Opt_with_an_owner_other_than_root_is_formerr()
    {
        byte[] opt = [1, (byte)'x', 0, 0, 41, 4, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(Rcode.FormErr, ResponseCode(Answer(_store, Concat(RequestHeader(ar: 1), WwwA, opt))));
    }

    [Fact]
    public void Opt_option_running_past_its_rdata_is_formerr()
    {
        byte[] opt = [0, 0, 41, 4, 0, 0, 0, 0, 0, 0, 4, 0, 3, 0, 9];
        Assert.Equal(Rcode.FormErr, ResponseCode(Answer(_store, Concat(RequestHeader(ar: 1), WwwA, opt))));
    }

    [Fact]
    public void Trailing_garbage_is_formerr()
    {
        Assert.Equal(Rcode.FormErr, ResponseCode(Answer(_store, Concat(RequestHeader(), WwwA, [1, 2, 3]))));
    }

    [Fact]
    public void Counts_beyond_the_data_are_formerr()
    {
        Assert.Equal(Rcode.FormErr, ResponseCode(Answer(_store, Concat(RequestHeader(an: 3), WwwA))));
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(12345);
        var buffer = new byte[600];
        for (int i = 0; i < 20_000; i++)
        {
            int length = random.Next(0, buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            // Mostly queries, so that parsing gets past the header.
            if (MessageHeader.TryRead(buffer.AsSpan(0, length), out var header))
            {
                (header with { Flags = header.Flags & (HeaderFlags.AA | HeaderFlags.TC | HeaderFlags.RD), Opcode = Opcode.Query, QuestionCount = 1 })
                    .WriteTo(buffer);
            }
            _ = Answer(_store, buffer.AsSpan(0, length).ToArray());
        }
    }

    [Fact]
    public void Mutated_valid_queries_never_throw_and_keep_the_id()
    {
        var random = new Random(777);
        var valid = TestQueries.Query("www.example.com", RRType.A, udpSize: 1232, nsid: true);
        for (int i = 0; i < 20_000; i++)
        {
            var copy = (byte[])valid.Clone();
            int flips = random.Next(1, 4);
            for (int f = 0; f < flips; f++) { copy[random.Next(2, copy.Length)] = (byte)random.Next(256); }
            var response = Answer(_store, copy);
            if (response.Length > 0)
            {
                Assert.True(MessageHeader.TryRead(copy, out var asked));
                Assert.Equal(asked.Id, Header(response).Id);
            }
        }
    }
}
